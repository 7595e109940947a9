using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// The end-to-end BCE baseline: the encoder and a linear classifier (H → C; an <see cref="ITokenStateClassifier"/>'s own
/// classifier instead) trained together with binary cross-entropy on the unaugmented inputs, with the same optimizer, schedule, early stopping and evaluation as the
/// probe. Compare it with the two-stage result of the same encoder architecture.
/// </summary>
public sealed class SupervisedBaseline : SupervisedTrainer
{
    /// <summary>Creates a baseline trainer.</summary>
    /// <param name="options">Settings (null: defaults); uses the Baseline* settings, batch size, optimizer, schedule, monitor and thresholds.</param>
    /// <param name="progress">Receives a report after every step and epoch (synchronously).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SupervisedBaseline(TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null) : base(options, progress)
    {
    }

    /// <summary>Trains the encoder and a linear classifier with BCE, then evaluates them.</summary>
    /// <param name="encoder">A freshly initialised encoder; it is trained in place, moved to the chosen device and left in
    /// evaluation mode with the best epoch's weights.</param>
    /// <param name="dataset">The dataset; its input kind must be the encoder's.</param>
    /// <param name="cancellationToken">Stops the run before the next step (the last finished epoch stays checkpointed).</param>
    /// <returns>The history and the validation and test reports.</returns>
    /// <exception cref="ArgumentException">The dataset's input kind is not the encoder's.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public SupervisedResult Fit(Encoder encoder, MultiLabelDataset dataset, CancellationToken cancellationToken = default)
    {
        var device = PlaceEncoder(encoder, dataset);
        StageLoop.SeedGlobal(StageLoop.StageSeed(Options.Seed, TrainingStage.Baseline));
        // The encoder's own classifier where it has one (PLM-ICD's label-wise attention over token states), else linear on h.
        var own = encoder as ITokenStateClassifier;
        using var classifier = (own?.CreateClassifier(dataset.LabelCount) ?? nn.Linear(encoder.OutputSize, dataset.LabelCount)).to(device);
        var train = dataset.Train;
        Tensor Logits(Tensor inputs) => classifier.call(own is null ? encoder.call(inputs) : own.ClassifierInput(inputs));
        var stage = new SupervisedStage
        {
            Stage = TrainingStage.Baseline,
            Options = Options,
            Dataset = dataset,
            Epochs = Options.BaselineEpochs,
            LearningRate = Options.BaselineLearningRate,
            Modules = [("encoder", encoder), ("classifier", classifier)],
            Parameters = [.. encoder.parameters(), .. classifier.parameters()],
            SetTraining = training =>
            {
                encoder.train(training);
                classifier.train(training);
            },
            TrainLogits = indices => Logits(train.Rows(indices, device)),
            // Token states (N × T × h) are large: evaluate an own classifier at the training batch size.
            SplitLogits = split => Embeddings.Map(Logits, split, own is null ? Math.Max(256, Options.BatchSize) : Options.BatchSize, device, encoder,
                ScalarType.Float32, dataset.LabelCount),
            Device = device,
            Fingerprint = $"baseline {SupervisedStage.CommonFingerprint(Options, Options.BaselineEpochs, Options.BaselineLearningRate, dataset)} encoder={encoder.GetType().Name}/{encoder.parameters().Sum(p => p.numel())}",
            Progress = Progress,
        };
        try
        {
            return stage.Run(cancellationToken);
        }
        finally
        {
            encoder.eval();
        }
    }
}
