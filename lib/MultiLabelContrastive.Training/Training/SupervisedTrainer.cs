using MultiLabelContrastive.Data;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// What the two BCE-trained classifiers share (<see cref="LinearProbe"/> on a frozen encoder and the end-to-end
/// <see cref="SupervisedBaseline"/>): validated settings, the progress receiver, and placing the encoder.
/// </summary>
public abstract class SupervisedTrainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Settings (null: defaults).</param>
    /// <param name="progress">Receives a report after every step and epoch (synchronously).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    private protected SupervisedTrainer(TrainingOptions? options, IProgress<TrainingProgress>? progress)
    {
        Options = options ?? new TrainingOptions();
        Options.Validate();
        Progress = progress;
    }

    /// <summary>The settings.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The progress receiver, if any.</summary>
    public IProgress<TrainingProgress>? Progress { get; }

    /// <summary>Checks that the dataset feeds the encoder, chooses the device and moves the encoder there.</summary>
    /// <exception cref="ArgumentException">The dataset's input kind is not the encoder's.</exception>
    private protected Device PlaceEncoder(Encoder encoder, MultiLabelDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Kind != encoder.Input)
            throw new ArgumentException($"Dataset '{dataset.Name}' holds {dataset.Kind} inputs but the encoder reads {encoder.Input}.", nameof(dataset));
        var device = DeviceSelector.Choose(Options.Device).Torch;
        encoder.to(device);
        return device;
    }
}
