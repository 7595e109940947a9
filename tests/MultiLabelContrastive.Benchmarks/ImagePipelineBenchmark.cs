using System.Diagnostics;
using System.Globalization;
using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data.Images;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Images;
using SkiaSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>
/// Images per second of stage 1's image pipeline on this machine: decode a JPEG (SkiaSharp) and make its two views
/// (<see cref="ImageNetViews"/>: RandomResizedCrop 224, flip, colour jitter, greyscale, ImageNet normalisation) through
/// the <see cref="ImagePrefetcher"/> that feeds the trainer, at several worker counts; also the evaluation transform
/// (resize 256, centre crop 224) and decoding alone. The images are written first: COCO-sized (640 × 480) seeded
/// gradients with noise, JPEG quality 90.
/// </summary>
internal static class ImagePipelineBenchmark
{
    public static int Run(string[] args)
    {
        var count = 256;
        var batch = 64;
        int? threads = null;
        var workerCounts = new List<int>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--workers": workerCounts.AddRange(args[++i].Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture))); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"Unknown argument '{args[i]}'."); return 2;
            }
        }
        if (count < batch || batch < 1)
        {
            Console.Error.WriteLine($"--images ({count}) must be at least --batch ({batch}) and --batch at least 1.");
            return 2;
        }
        if (workerCounts.Count == 0) workerCounts.AddRange(new[] { 1, Environment.ProcessorCount }.Distinct());
        if (threads is { } t) set_num_threads(t);

        using var folder = new TempFolder();
        var paths = Enumerable.Range(0, count).Select(i => WriteJpeg(Path.Combine(folder.Path, $"{i}.jpg"), 640, 480, i)).ToArray();
        var batches = Enumerable.Range(0, count / batch).Select(b => (IReadOnlyList<long>)Enumerable.Range(b * batch, batch).Select(r => (long)r).ToArray()).ToList();
        var images = batches.Count * batch;
        Console.WriteLine(FormattableString.Invariant(
            $"{images} JPEG images 640 × 480 in batches of {batch}; {Environment.ProcessorCount} cores; torch threads {get_num_threads()}"));

        foreach (var path in paths.Take(16)) ImageFiles.Decode(path).Dispose(); // warm-up: JIT, native libraries, file cache
        var decode = Stopwatch.StartNew();
        foreach (var path in paths.Take(images)) ImageFiles.Decode(path).Dispose();
        Report("decode only (1 thread)", images, decode.Elapsed);

        var views = new ImageNetViews();
        foreach (var workers in workerCounts)
        {
            Time($"decode + evaluation transform (resize 256, crop 224), {workers} worker(s)", images,
                () => new ImagePrefetcher(paths, batches, (image, _) => ImageNetPreprocessing.Evaluation(image), views: 1, seed: 1, capacity: 4, workers));
            Time($"decode + two ImageNet views (stage 1), {workers} worker(s)", images,
                () => new ImagePrefetcher(paths, batches, views.View, views: 2, seed: 1, capacity: 4, workers));
        }
        LoadPrepared(folder.Path, paths.Take(images).ToArray());
        return 0;
    }

    /// <summary>The prepared loader with the ImageNet preprocessing at 224 (all cores): images/s, and the host memory of
    /// its uint8 rows beside the growth of the process's working set.</summary>
    private static void LoadPrepared(string root, IReadOnlyList<string> jpegs)
    {
        var folder = Path.Combine(root, "prepared");
        var info = new PreparedDatasetInfo
        {
            Name = "benchmark", Kind = Data.InputKind.Image, LabelNames = ["a"], Description = "Benchmark images.", ImageRoot = ".",
        };
        using (var writer = PreparedDatasetWriter.Create(folder, info))
        {
            for (var i = 0; i < jpegs.Count; i++) writer.AddImageFile("train", $"{i}", [0], $"images/{i}.jpg", File.ReadAllBytes(jpegs[i]));
            writer.Commit();
        }
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        var clock = Stopwatch.StartNew();
        using var data = PreparedDataset.Load(folder, PreparedLoadOptions.ImageNet);
        Report("prepared load at 224 (decode, resize 256, centre crop 224 as uint8 rows; all cores)", jpegs.Count, clock.Elapsed);
        process.Refresh();
        var held = data.Train.Inputs.NumberOfElements * data.Train.Inputs.ElementSize;
        Console.WriteLine(FormattableString.Invariant(
            $"  rows held: {held / 1e6:0.0} MB, {held / 1e3 / jpegs.Count:0.0} kB per image ({data.Train.Inputs.dtype}); working set grew {(process.WorkingSet64 - before) / 1e6:0.0} MB"));
    }

    private static void Time(string what, int images, Func<ImagePrefetcher> start)
    {
        var clock = Stopwatch.StartNew();
        using var prefetcher = start();
        while (prefetcher.Next() is { } batch) batch.Dispose();
        Report(what, images, clock.Elapsed);
    }

    private static void Report(string what, int images, TimeSpan elapsed) =>
        Console.WriteLine(FormattableString.Invariant($"{what}: {images / elapsed.TotalSeconds:0.0} images/s ({elapsed.TotalSeconds:0.00} s)"));

    private static string WriteJpeg(string path, int width, int height, int seed)
    {
        var random = new Random(seed);
        var (a, b, c) = (random.Next(256), random.Next(256), random.Next(256));
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var at = 4 * (y * width + x);
            pixels[at] = (byte)((a + 255 * x / width) % 256);
            pixels[at + 1] = (byte)((b + 255 * y / height) % 256);
            pixels[at + 2] = (byte)((c + random.Next(60)) % 256);
            pixels[at + 3] = 255;
        }
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
