using System.Globalization;
using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Images;
using MultiLabelContrastive.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// Stage 1 of the protocol: contrastive pretraining of an encoder and its projection head with any
/// <see cref="ContrastiveLoss"/>. Each step takes a batch of N training rows, makes two views with the augmentation,
/// embeds the 2N views in one forward pass (both views carry the row's labels) and minimises the loss over the 2N
/// embeddings — plus, with <see cref="TrainingOptions.QueueSize"/> &gt; 0, a MoCo-style queue of earlier embeddings and
/// their labels as extra candidates (<c>loss.Compute(z, y, queueZ, queueY)</c>; the 2N new rows are enqueued after each
/// step). With <see cref="TrainingOptions.MomentumEncoder"/> the candidates are a momentum key encoder's embeddings of
/// the same 2N views, followed by the queue, which is then filled with those keys
/// (<see cref="ContrastiveLoss.ComputeWithKeys"/>). After each epoch the validation contrastive loss is computed
/// (unaugmented rows, batches of the same size, mean over batches with at least one counted anchor); with
/// <see cref="TrainingOptions.PretrainEarlyStoppingPatience"/> &gt; 0 it drives early stopping and best-epoch selection,
/// else the last epoch's weights are kept.
/// </summary>
/// <remarks>The last partial batch of an epoch is dropped (so every step has N rows); at least one full batch is needed
/// unless the training split is smaller than one batch, in which case each step uses all of it. With per-image views
/// (<see cref="ImageNetViews"/>) the views are made off the training thread by an <see cref="ImagePrefetcher"/>
/// (<see cref="TrainingOptions.PrefetchBatches"/> batches ahead, <see cref="TrainingOptions.ImageWorkers"/> threads):
/// decoded from the split's <see cref="DatasetSplit.ImagePaths"/> when it has them, else from its in-memory rows; each
/// image's views come from a seed of (epoch seed, row, view), so they do not depend on the threads. Batch-level
/// augmentations (vectors, tokens, <see cref="ImageAugmentation"/>) run on the training thread, on the device.</remarks>
public sealed class ContrastivePretrainer
{
    /// <summary>Creates a pretrainer.</summary>
    /// <param name="loss">The contrastive loss.</param>
    /// <param name="options">Settings (null: defaults); uses the Pretrain* settings, batch size, optimizer, schedule,
    /// projection, queue and augmentation.</param>
    /// <param name="progress">Receives a report after every step and epoch (synchronously).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ContrastivePretrainer(ContrastiveLoss loss, TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Options = options ?? new TrainingOptions();
        Options.Validate();
        Loss = loss;
        Progress = progress;
    }

    /// <summary>The contrastive loss.</summary>
    public ContrastiveLoss Loss { get; }

    /// <summary>The settings.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The progress receiver, if any.</summary>
    public IProgress<TrainingProgress>? Progress { get; }

    /// <summary>Pretrains the encoder and projection head in place.</summary>
    /// <param name="encoder">The encoder; moved to the chosen device, left in evaluation mode with the best epoch's weights.</param>
    /// <param name="head">The projection head on top of the encoder (input size = the encoder's output size).</param>
    /// <param name="dataset">The dataset; its input kind must be the encoder's. Only the training and validation splits are read.</param>
    /// <param name="cancellationToken">Stops the run before the next step (the last finished epoch stays checkpointed).</param>
    /// <returns>The epoch history (training and validation contrastive loss).</returns>
    /// <exception cref="ArgumentException">The input kind or the head's input size does not fit.</exception>
    /// <exception cref="InvalidOperationException"><see cref="TrainingOptions.MomentumEncoder"/> is on: it needs the
    /// overload with a key encoder factory.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public StageResult Fit(Encoder encoder, ProjectionHead head, MultiLabelDataset dataset, CancellationToken cancellationToken = default)
    {
        if (Options.MomentumEncoder)
            throw new InvalidOperationException(
                $"{nameof(TrainingOptions)}.{nameof(TrainingOptions.MomentumEncoder)} needs a key encoder of the same architecture: call " +
                "Fit(encoder, head, dataset, keyEncoderFactory) with a factory that builds one (Experiment.Run passes its own).");
        return Run(encoder, head, dataset, null, cancellationToken);
    }

    /// <summary>Pretrains the encoder and projection head in place; with <see cref="TrainingOptions.MomentumEncoder"/>
    /// the factory builds the key encoder, whose weights are then copied from <paramref name="encoder"/>.</summary>
    /// <param name="encoder">The (query) encoder; moved to the chosen device, left in evaluation mode with the best epoch's weights.</param>
    /// <param name="head">The projection head on top of the encoder (input size = the encoder's output size).</param>
    /// <param name="dataset">The dataset; its input kind must be the encoder's. Only the training and validation splits are read.</param>
    /// <param name="keyEncoderFactory">Builds a fresh encoder of <paramref name="encoder"/>'s architecture (its initial
    /// weights do not matter); called once, only with <see cref="TrainingOptions.MomentumEncoder"/>. The key encoder is
    /// disposed when the stage ends.</param>
    /// <param name="cancellationToken">Stops the run before the next step (the last finished epoch stays checkpointed).</param>
    /// <returns>The epoch history (training and validation contrastive loss).</returns>
    /// <exception cref="ArgumentException">The input kind or the head's input size does not fit, or the factory's
    /// encoder is not the query's architecture.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public StageResult Fit(Encoder encoder, ProjectionHead head, MultiLabelDataset dataset, Func<Encoder> keyEncoderFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyEncoderFactory);
        return Run(encoder, head, dataset, keyEncoderFactory, cancellationToken);
    }

    private StageResult Run(Encoder encoder, ProjectionHead head, MultiLabelDataset dataset, Func<Encoder>? keyEncoderFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Kind != encoder.Input)
            throw new ArgumentException($"Dataset '{dataset.Name}' holds {dataset.Kind} inputs but the encoder reads {encoder.Input}.", nameof(dataset));
        if (head.InputSize != encoder.OutputSize)
            throw new ArgumentException($"The projection head reads {head.InputSize} features but the encoder gives {encoder.OutputSize}.", nameof(head));
        const string monitor = "validation contrastive loss";
        if (Options.PretrainEpochs == 0) return new StageResult(TrainingStage.Pretrain, [], 0, false, 0, monitor);

        var device = DeviceSelector.Choose(Options.Device).Torch;
        encoder.to(device);
        head.to(device);
        var augmentation = Options.Augmentation ?? ViewAugmentation.For(dataset.Kind);
        var train = dataset.Train;
        using var queue = Options.QueueSize > 0 ? new EmbeddingQueue(Options.QueueSize, head.OutputSize, dataset.LabelCount, device) : null;
        var perImage = augmentation as ImageNetViews;
        ImagePrefetcher? prefetcher = null;

        Tensor Views(Tensor indices, Generator generator)
        {
            if (prefetcher is null)
            {
                var x = train.Rows(indices, device);
                var (first, second) = augmentation.TwoViews(x, generator);
                return cat([first, second], 0);
            }
            using var batch = prefetcher.Next() ?? throw new InvalidOperationException("The image prefetch queue ended before the epoch did.");
            if (!batch.Rows.SequenceEqual(indices.data<long>().ToArray()))
                throw new InvalidOperationException($"The image prefetch queue gave the rows of another batch (batch {batch.Index}).");
            return cat([batch.Views[0], batch.Views[1]], 0).to(device);
        }
        using var keys = Options.MomentumEncoder ? KeyEncoder(encoder, head, keyEncoderFactory!) : null;

        Tensor BatchLoss(Tensor indices, Generator generator)
        {
            var y = train.Labels.index_select(0, indices).to(device);
            var views = Views(indices, generator);
            var z = head.call(encoder.call(views));
            var labels = cat([y, y], 0);
            var filled = queue is { Count: > 0 } ? queue.Filled() : default((Tensor Embeddings, Tensor Labels)?);
            LossResult result;
            Tensor enqueued;
            if (keys is not null)
            {
                // MoCo: the queries are the anchors; the candidates are the keys of the same views, then the queue.
                var k = keys.Embed(views);
                result = Loss.ComputeWithKeys(z, labels, k, filled?.Embeddings, filled?.Labels);
                enqueued = k;
            }
            else
            {
                result = filled is { } f ? Loss.Compute(z, labels, f.Embeddings, f.Labels) : Loss.Compute(z, labels);
                enqueued = z;
            }
            queue?.Enqueue(enqueued, labels);
            return result.Loss;
        }

        var loop = new StageLoop
        {
            Stage = TrainingStage.Pretrain,
            Options = Options,
            Epochs = Options.PretrainEpochs,
            LearningRate = Options.PretrainLearningRate,
            TrainRows = train.Count,
            DropLastPartialBatch = true,
            Modules = [("encoder", encoder), ("head", head)],
            Parameters = [.. encoder.parameters(), .. head.parameters()],
            NoDecayParameters = Options.NoDecayOnBiasAndNorm ? [.. encoder.parameters().Concat(head.parameters()).Where(p => p.dim() == 1)] : null,
            SetTraining = training =>
            {
                encoder.train(training);
                head.train(training);
                keys?.Train(training);
            },
            BatchLoss = BatchLoss,
            BeginEpoch = perImage is null ? null : (batches, generator) =>
            {
                // One seed per epoch from the stage's generator; each image's views then come from (seed, row, view).
                prefetcher = ImageViewQueue(perImage, train, batches, ImageNetViews.SampleSeeds(1, generator)[0]);
                return prefetcher;
            },
            Validate = () => ValidationLoss(encoder, head, dataset.Validation, device),
            HigherIsBetter = false,
            Patience = Options.PretrainEarlyStoppingPatience,
            RestoreBest = Options.PretrainEarlyStoppingPatience > 0,
            MonitorName = monitor,
            Extra = CheckpointParts.Of(queue, keys),
            AfterOptimizerStep = keys is null ? null : keys.Update,
            Progress = Progress,
            Fingerprint = Fingerprint(encoder, head, dataset, augmentation),
        };
        return loop.Run(cancellationToken);
    }

    /// <summary>The epoch's two views per image, made off the training thread: decoded from the image files when the
    /// split has them (the crops then come from the original images, as torchvision's pipeline makes them), else from the
    /// in-memory rows (<see cref="DatasetSplit.ImageRow"/>: uint8 pixels, [0, 1], or read back from the ImageNet normalisation).</summary>
    private ImagePrefetcher ImageViewQueue(ImageNetViews views, DatasetSplit train, IReadOnlyList<IReadOnlyList<long>> batches, int seed)
    {
        var workers = Options.ImageWorkers ?? Math.Clamp(Environment.ProcessorCount / 2, 1, 8);
        if (train.ImagePaths is { } paths)
            return new ImagePrefetcher(paths, batches, views.View, views: 2, seed, Options.PrefetchBatches, workers);
        return new ImagePrefetcher(train.Count, train.ImageRow, batches, views.View, views: 2, seed, Options.PrefetchBatches, workers);
    }

    private MomentumKeyEncoder KeyEncoder(Encoder encoder, ProjectionHead head, Func<Encoder> factory)
    {
        var key = factory() ?? throw new ArgumentException("The key encoder factory returned null.", "keyEncoderFactory");
        try
        {
            if (key.GetType() != encoder.GetType() || key.OutputSize != encoder.OutputSize || key.Input != encoder.Input)
                throw new ArgumentException(
                    $"The key encoder factory built a {key.GetType().Name} ({key.Input}, {key.OutputSize} outputs) but the query encoder is a {encoder.GetType().Name} ({encoder.Input}, {encoder.OutputSize} outputs).",
                    "keyEncoderFactory");
            return new MomentumKeyEncoder(encoder, head, key, Options.KeyEncoderMomentum);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private double? ValidationLoss(Encoder encoder, ProjectionHead head, DatasetSplit split, Device device)
    {
        if (split.Count == 0) return null;
        double sum = 0;
        long batches = 0;
        for (long start = 0; start < split.Count; start += Options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(Options.BatchSize, split.Count - start);
            var z = head.call(encoder.call(split.Rows(start, length, device)));
            var result = Loss.Compute(z, split.Labels.narrow(0, start, length).to(device));
            if (result.AnchorsCounted == 0) continue;
            sum += result.Loss.item<float>();
            batches++;
        }
        return batches == 0 ? null : sum / batches;
    }

    private string Fingerprint(Encoder encoder, ProjectionHead head, MultiLabelDataset dataset, ViewAugmentation augmentation)
    {
        var o = Options;
        return string.Create(CultureInfo.InvariantCulture,
            $"pretrain seed={o.Seed} threads={o.Threads} patience1={o.PretrainEarlyStoppingPatience} epochs={o.PretrainEpochs} lr={o.PretrainLearningRate:R} batch={o.BatchSize} optimizer={o.Optimizer} wd={o.WeightDecay:R} warmup={o.WarmupFraction:R} final={o.FinalLearningRateFraction:R} clip={o.GradientClipNorm:R} patience={o.EarlyStoppingPatience} delta={o.EarlyStoppingMinDelta:R} queue={o.QueueSize} loss={Loss.Weights.Name}/{Loss.Temperature:R} augmentation={augmentation} head={head.InputSize}-{head.OutputSize} encoder={encoder.GetType().Name}/{encoder.parameters().Sum(p => p.numel())} data={dataset.Name}/{dataset.Train.Count}/{dataset.Validation.Count}/{dataset.LabelCount}") + SupervisedStage.ExtraFingerprint(o)
            + (o.MomentumEncoder ? string.Create(CultureInfo.InvariantCulture, $" momentum-encoder={o.KeyEncoderMomentum:R}") : "");
    }
}
