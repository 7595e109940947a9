using System.Threading.Channels;
using MultiLabelContrastive.Data.Prepared;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Images;

/// <summary>
/// Decodes and transforms the images of an epoch's batches off the training thread: a background task fills a bounded
/// queue (at most <c>capacity</c> batches wait, so memory stays bounded while the consumer — the GPU — is busy) and
/// <see cref="Next"/> hands them out in order. Each image of each view gets its own <see cref="Random"/> seeded from
/// (epoch seed, row, view), so the batches are identical for a seed whatever the number of workers or the timing.
/// </summary>
/// <remarks>A decoding error (missing, truncated or corrupt file) stops production and is rethrown by
/// <see cref="Next"/> with the file named. Dispose stops the background task and frees the batches still queued.</remarks>
public sealed class ImagePrefetcher : IDisposable
{
    private readonly Channel<ImageBatch> queue;
    private readonly CancellationTokenSource stop = new();
    private readonly Task producer;

    /// <summary>Starts producing from image files.</summary>
    /// <param name="paths">Image file of each dataset row.</param>
    /// <param name="batches">The epoch's batches as row indices into <paramref name="paths"/>.</param>
    /// <param name="transform">Makes one view of a decoded 3 × H × W uint8 image from its random source; every call must
    /// return the same shape (e.g. <see cref="Augmentation.ImageNetViews.View"/>, or
    /// <see cref="Data.Images.ImageNetPreprocessing.Evaluation"/> ignoring the random source).</param>
    /// <param name="views">Views per image (2 for contrastive pretraining, 1 for evaluation). Range: ≥ 1.</param>
    /// <param name="seed">The epoch's seed.</param>
    /// <param name="capacity">Batches that may wait in the queue. Range: ≥ 1.</param>
    /// <param name="workers">Images of a batch decoded and transformed in parallel. Range: ≥ 1.</param>
    /// <exception cref="ArgumentException">An argument is out of range or a batch names a row outside <paramref name="paths"/>.</exception>
    public ImagePrefetcher(IReadOnlyList<string> paths, IReadOnlyList<IReadOnlyList<long>> batches, Func<Tensor, Random, Tensor> transform,
        int views, int seed, int capacity = 4, int workers = 1)
        : this(CountOf(paths), row => ImageFiles.Decode(paths[(int)row]), batches, transform, views, seed, capacity, workers)
    {
    }

    /// <summary>Starts producing from any image source, e.g. the rows of an in-memory split.</summary>
    /// <param name="rowCount">Rows of the dataset; batches index into [0, rowCount).</param>
    /// <param name="image">Returns the image of a row as 3 × H × W (uint8, or floating point in [0, 1]); called from the
    /// worker threads, so it must be safe to call concurrently; the prefetcher disposes what it returns.</param>
    /// <param name="batches">The epoch's batches as row indices.</param>
    /// <param name="transform">Makes one view of an image from its random source (see the other constructor).</param>
    /// <param name="views">Views per image. Range: ≥ 1.</param>
    /// <param name="seed">The epoch's seed.</param>
    /// <param name="capacity">Batches that may wait in the queue. Range: ≥ 1.</param>
    /// <param name="workers">Images of a batch made in parallel. Range: ≥ 1.</param>
    /// <exception cref="ArgumentException">An argument is out of range or a batch names a row outside [0, rowCount).</exception>
    public ImagePrefetcher(long rowCount, Func<long, Tensor> image, IReadOnlyList<IReadOnlyList<long>> batches, Func<Tensor, Random, Tensor> transform,
        int views, int seed, int capacity = 4, int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentOutOfRangeException.ThrowIfLessThan(views, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        for (var b = 0; b < batches.Count; b++)
            if (batches[b].Count == 0 || batches[b].Any(r => r < 0 || r >= rowCount))
                throw new ArgumentException($"Batch {b} is empty or names a row outside [0, {rowCount}).", nameof(batches));
        BatchCount = batches.Count;
        queue = Channel.CreateBounded<ImageBatch>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var token = stop.Token;
        producer = Task.Run(async () =>
        {
            try
            {
                for (var b = 0; b < batches.Count; b++)
                {
                    token.ThrowIfCancellationRequested();
                    var batch = Make(b, image, batches[b], transform, views, seed, workers, token);
                    try
                    {
                        await queue.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        batch.Dispose();
                        throw;
                    }
                }
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, token);
    }

    /// <summary>Batches of the epoch.</summary>
    public int BatchCount { get; }

    /// <summary>The next batch in order (waits while it is being made), or null after the last one.</summary>
    /// <exception cref="InvalidDataException">An image could not be decoded (the message names it).</exception>
    /// <exception cref="FileNotFoundException">An image file is missing.</exception>
    public ImageBatch? Next()
    {
        try
        {
            return queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult() && queue.Reader.TryRead(out var batch) ? batch : null;
        }
        catch (ChannelClosedException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The per-image seed: a mix of the epoch seed, the row and the view (SplitMix64 finaliser).</summary>
    /// <param name="seed">Epoch seed.</param>
    /// <param name="row">Dataset row.</param>
    /// <param name="view">View index.</param>
    public static int ImageSeed(int seed, long row, int view)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)row * 0xBF58476D1CE4E5B9UL + (ulong)view * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static int CountOf(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths.Count;
    }

    private static ImageBatch Make(int index, Func<long, Tensor> image, IReadOnlyList<long> rows, Func<Tensor, Random, Tensor> transform,
        int views, int seed, int workers, CancellationToken token)
    {
        var made = new Tensor[views, rows.Count];
        try
        {
            Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = token }, i =>
            {
                using var scope = NewDisposeScope();
                var decoded = image(rows[i]);
                for (var v = 0; v < views; v++) made[v, i] = transform(decoded, new Random(ImageSeed(seed, rows[i], v))).MoveToOuterDisposeScope();
            });
            var stacked = new Tensor[views];
            for (var v = 0; v < views; v++) stacked[v] = stack(Enumerable.Range(0, rows.Count).Select(i => made[v, i]));
            return new ImageBatch(index, rows.ToArray(), stacked);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            foreach (var t in made) t?.Dispose();
        }
    }

    /// <summary>Stops production and frees the queued batches.</summary>
    public void Dispose()
    {
        stop.Cancel();
        try { producer.Wait(); } catch (AggregateException) { }
        while (queue.Reader.TryRead(out var batch)) batch.Dispose();
        stop.Dispose();
    }
}
