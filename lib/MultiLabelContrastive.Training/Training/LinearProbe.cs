using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// Stage 2 of the protocol: the encoder frozen, a linear classifier (H → C) trained with binary cross-entropy on its
/// representations, then evaluated with every metric. The representations of the three splits are computed once (the
/// encoder in evaluation mode, no augmentation), so an epoch costs only the linear layer. An
/// <see cref="ITokenStateClassifier"/> (PLM-ICD) trains its own classifier instead, over the frozen encoder's
/// <see cref="ITokenStateClassifier.ClassifierInput"/> computed batch by batch (token states are too large to keep).
/// </summary>
public sealed class LinearProbe : SupervisedTrainer
{
    /// <summary>Creates a probe trainer.</summary>
    /// <param name="options">Settings (null: defaults); uses the Probe* settings, batch size, optimizer, schedule, monitor and thresholds.</param>
    /// <param name="progress">Receives a report after every step and epoch (synchronously).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LinearProbe(TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null) : base(options, progress)
    {
    }

    /// <summary>Trains and evaluates a linear classifier on the frozen encoder.</summary>
    /// <param name="encoder">The (pretrained) encoder; it is moved to the chosen device and left in evaluation mode, its
    /// weights unchanged.</param>
    /// <param name="dataset">The dataset; its input kind must be the encoder's.</param>
    /// <param name="cancellationToken">Stops the run before the next step (the last finished epoch stays checkpointed).</param>
    /// <returns>The history and the validation and test reports.</returns>
    /// <exception cref="ArgumentException">The dataset's input kind is not the encoder's.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public SupervisedResult Fit(Encoder encoder, MultiLabelDataset dataset, CancellationToken cancellationToken = default)
    {
        if (encoder is ITokenStateClassifier own)
            return FitOwnClassifier(encoder, own, dataset, cancellationToken);
        var device = PlaceEncoder(encoder, dataset);
        var features = new Dictionary<DatasetSplit, Tensor>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var split in dataset.Splits)
                features[split] = Embeddings.Map(encoder.call, split, Math.Max(256, Options.BatchSize), device, encoder, ScalarType.Float32, encoder.OutputSize)
                    .DetachFromDisposeScope();
            var train = features[dataset.Train];
            double checksum;
            using (NewDisposeScope()) checksum = train.to_type(ScalarType.Float64).abs().sum().item<double>();

            StageLoop.SeedGlobal(StageLoop.StageSeed(Options.Seed, TrainingStage.Probe));
            using var classifier = nn.Linear(encoder.OutputSize, dataset.LabelCount).to(device);
            var stage = ProbeStage(classifier, dataset, device,
                indices => classifier.call(train.index_select(0, indices.to(device))),
                split => classifier.call(features[split]),
                string.Create(CultureInfo.InvariantCulture, $" features={encoder.OutputSize}/{checksum:G6}"));
            return stage.Run(cancellationToken);
        }
        finally
        {
            foreach (var tensor in features.Values) tensor.Dispose();
            encoder.eval();
        }
    }

    private SupervisedResult FitOwnClassifier(Encoder encoder, ITokenStateClassifier own, MultiLabelDataset dataset, CancellationToken cancellationToken)
    {
        var device = PlaceEncoder(encoder, dataset);
        try
        {
            encoder.eval();
            double checksum;
            using (NewDisposeScope())
            using (no_grad())
                checksum = encoder.parameters().Sum(p => p.to_type(ScalarType.Float64).abs().sum().item<double>());
            StageLoop.SeedGlobal(StageLoop.StageSeed(Options.Seed, TrainingStage.Probe));
            using var classifier = own.CreateClassifier(dataset.LabelCount).to(device);
            Tensor Frozen(Tensor inputs)
            {
                using (no_grad()) return own.ClassifierInput(inputs);
            }
            var train = dataset.Train;
            var stage = ProbeStage(classifier, dataset, device,
                indices => classifier.call(Frozen(train.Rows(indices, device))),
                split => Embeddings.Map(x => classifier.call(own.ClassifierInput(x)), split, Options.BatchSize, device, encoder,
                    ScalarType.Float32, dataset.LabelCount),
                $" classifier={classifier.GetType().Name}" +
                string.Create(CultureInfo.InvariantCulture, $" encoder={encoder.GetType().Name}/{checksum:G6}"));
            return stage.Run(cancellationToken);
        }
        finally
        {
            encoder.eval();
        }
    }

    /// <summary>The probe's stage: the classifier trained with the probe's epochs, learning rate and weight decay
    /// (<see cref="TrainingOptions.ProbeWeightDecay"/>), its fingerprint ending with <paramref name="fingerprintTail"/>
    /// (what the classifier reads).</summary>
    private SupervisedStage ProbeStage(nn.Module<Tensor, Tensor> classifier, MultiLabelDataset dataset, Device device,
        Func<Tensor, Tensor> trainLogits, Func<DatasetSplit, Tensor> splitLogits, string fingerprintTail)
    {
        var options = Options.ProbeWeightDecay is { } decay ? Options with { WeightDecay = decay } : Options;
        return new SupervisedStage
        {
            Stage = TrainingStage.Probe,
            Options = options,
            Dataset = dataset,
            Epochs = Options.ProbeEpochs,
            LearningRate = Options.ProbeLearningRate,
            Modules = [("classifier", classifier)],
            Parameters = classifier.parameters().ToArray(),
            SetTraining = training => classifier.train(training),
            TrainLogits = trainLogits,
            SplitLogits = splitLogits,
            Device = device,
            RestoreBest = Options.ProbeRestoresBestEpoch,
            Fingerprint = "probe " + SupervisedStage.CommonFingerprint(options, Options.ProbeEpochs, Options.ProbeLearningRate, dataset) +
                          $" restore={Options.ProbeRestoresBestEpoch}" + fingerprintTail,
            Progress = Progress,
        };
    }
}
