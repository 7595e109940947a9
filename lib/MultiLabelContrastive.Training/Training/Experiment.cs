using System.Diagnostics;
using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;

namespace MultiLabelContrastive.Training;

/// <summary>
/// One call for a notebook: contrastive pretraining (stage 1), linear probe (stage 2) and, when asked, the end-to-end
/// BCE baseline with the same encoder architecture and the same initial weights.
/// </summary>
/// <example><code>
/// using var yeast = YeastDataset.Load("notebooks/data/yeast");
/// var options = TrainingOptions.MulSupConYeast with { PretrainEpochs = 100, RunBaseline = true };
/// using var result = Experiment.Run(yeast, EncoderSpec.MulSupConMlp(), ContrastiveLoss.MulSupCon(0.1), options);
/// Console.WriteLine(result.FormatTable());
/// </code></example>
public static class Experiment
{
    /// <summary>Runs an experiment with an encoder specification.</summary>
    /// <param name="dataset">The dataset (train, validation, test).</param>
    /// <param name="encoder">The encoder architecture; sizes are read from the dataset.</param>
    /// <param name="loss">The stage-1 loss.</param>
    /// <param name="options">Settings (null: defaults).</param>
    /// <param name="progress">Receives a report after every step and epoch of every stage (synchronously).</param>
    /// <param name="cancellationToken">Stops the run before the next step; with checkpoints, <see cref="TrainingOptions.Resume"/> continues it.</param>
    /// <returns>The histories, reports and metrics table; dispose it to free the encoder.</returns>
    /// <exception cref="ArgumentException">The encoder does not read the dataset's input kind.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ExperimentResult Run(MultiLabelDataset dataset, EncoderSpec encoder, ContrastiveLoss loss, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Kind != encoder.Input)
            throw new ArgumentException($"Encoder '{encoder.Name}' reads {encoder.Input} inputs but dataset '{dataset.Name}' holds {dataset.Kind}.", nameof(encoder));
        return Run(dataset, () => encoder.Create(dataset), loss, options, progress, cancellationToken, encoder.Name);
    }

    /// <summary>Runs an experiment with an encoder factory (called once for stage 1 and once more for the baseline,
    /// each time right after seeding torch's generator with <see cref="TrainingOptions.Seed"/>; with
    /// <see cref="TrainingOptions.MomentumEncoder"/> once more for the key encoder, whose weights are then copied).</summary>
    /// <param name="dataset">The dataset (train, validation, test).</param>
    /// <param name="encoderFactory">Creates a fresh encoder that reads the dataset's input kind.</param>
    /// <param name="loss">The stage-1 loss.</param>
    /// <param name="options">Settings (null: defaults).</param>
    /// <param name="progress">Receives a report after every step and epoch of every stage (synchronously).</param>
    /// <param name="cancellationToken">Stops the run before the next step; with checkpoints, <see cref="TrainingOptions.Resume"/> continues it.</param>
    /// <returns>The histories, reports and metrics table; dispose it to free the encoder.</returns>
    /// <exception cref="ArgumentException">The encoder does not read the dataset's input kind.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ExperimentResult Run(MultiLabelDataset dataset, Func<Encoder> encoderFactory, ContrastiveLoss loss, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(dataset, encoderFactory, loss, options, progress, cancellationToken, null);

    private static ExperimentResult Run(MultiLabelDataset dataset, Func<Encoder> encoderFactory, ContrastiveLoss loss, TrainingOptions? options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, string? encoderName)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(encoderFactory);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new TrainingOptions();
        options.Validate();
        var device = DeviceSelector.Choose(options.Device);
        var clock = Stopwatch.StartNew();

        var encoder = NewEncoder(encoderFactory, dataset, options.Seed);
        try
        {
            StageResult pretraining;
            using (var head = new Encoders.ProjectionHead(encoder.OutputSize, options.ProjectionSize, options.ProjectionHiddenSize))
                pretraining = new ContrastivePretrainer(loss, options, progress).Fit(encoder, head, dataset, encoderFactory, cancellationToken);
            var probe = new LinearProbe(options, progress).Fit(encoder, dataset, cancellationToken);
            SupervisedResult? baseline = null;
            if (options.RunBaseline)
            {
                using var baselineEncoder = NewEncoder(encoderFactory, dataset, options.Seed);
                baseline = new SupervisedBaseline(options, progress).Fit(baselineEncoder, dataset, cancellationToken);
            }
            var lossName = string.Create(CultureInfo.InvariantCulture, $"{loss.Weights.Name} τ={loss.Temperature}");
            return new ExperimentResult(dataset.Name, encoderName ?? encoder.GetType().Name, lossName, device.Description, pretraining, probe, baseline,
                encoder, clock.Elapsed.TotalSeconds);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private static Encoder NewEncoder(Func<Encoder> factory, MultiLabelDataset dataset, int seed)
    {
        StageLoop.SeedGlobal(seed);
        var encoder = factory() ?? throw new ArgumentException("The encoder factory returned null.", nameof(factory));
        if (encoder.Input != dataset.Kind)
        {
            encoder.Dispose();
            throw new ArgumentException($"The encoder reads {encoder.Input} inputs but dataset '{dataset.Name}' holds {dataset.Kind}.", nameof(factory));
        }
        return encoder;
    }
}
