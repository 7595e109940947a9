using MultiLabelContrastive.Data.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data;

/// <summary>
/// One split of a multi-label dataset (train, validation or test) with all rows held in CPU tensors.
/// </summary>
/// <remarks>
/// The split takes ownership of the two tensors it is given: it detaches them from any dispose scope and
/// disposes them in <see cref="Dispose"/>. Row i of <see cref="Inputs"/> belongs to row i of <see cref="Labels"/>.
/// </remarks>
public sealed class DatasetSplit : IDisposable
{
    /// <summary>Creates a split after checking shapes, dtypes and values.</summary>
    /// <param name="name">Split name, e.g. "train", "validation", "test"; not blank.</param>
    /// <param name="kind">What a row of <paramref name="inputs"/> is.</param>
    /// <param name="inputs">
    /// Vector: n × F float32, finite. Tokens: n × L int64, ids ≥ 0 with 0 = padding. Image: n × 3 × H × W float32 in [0, 1]
    /// (see <paramref name="imageNetNormalized"/>).
    /// </param>
    /// <param name="labels">n × C float32 multi-hot matrix, every entry 0 or 1, C ≥ 1.</param>
    /// <param name="imageNetNormalized">Image only: the pixels are in the ImageNet normalisation ((x − mean) / std per
    /// channel of [0, 1] pixels, as <see cref="Images.ImageNetPreprocessing"/> writes them) instead of [0, 1].</param>
    /// <exception cref="ArgumentException">A shape, dtype or value is wrong, or the row counts differ; the message names the first bad row.</exception>
    public DatasetSplit(string name, InputKind kind, Tensor inputs, Tensor labels, bool imageNetNormalized = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (imageNetNormalized && kind != InputKind.Image)
            throw new ArgumentException($"Split '{name}': only image splits can be in the ImageNet normalisation, not {kind}.", nameof(imageNetNormalized));
        SplitChecks.Inputs(inputs, kind, nameof(inputs), imageNetNormalized);
        SplitChecks.Labels(labels, nameof(labels));
        if (inputs.shape[0] != labels.shape[0])
            throw new ArgumentException(
                $"Split '{name}': inputs have {inputs.shape[0]} rows (shape {SplitChecks.Shape(inputs)}) but labels have {labels.shape[0]} (shape {SplitChecks.Shape(labels)}); they must match.",
                nameof(labels));
        if (inputs.device_type != DeviceType.CPU || labels.device_type != DeviceType.CPU)
            throw new ArgumentException($"Split '{name}': inputs and labels must be CPU tensors (move batches to the device when training).", nameof(inputs));
        Name = name;
        Kind = kind;
        ImageNetNormalized = imageNetNormalized;
        Inputs = inputs.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    /// <summary>Split name ("train", "validation", "test" for the splits of a <see cref="MultiLabelDataset"/>).</summary>
    public string Name { get; }

    /// <summary>What a row of <see cref="Inputs"/> is.</summary>
    public InputKind Kind { get; }

    /// <summary>Image only: true when <see cref="Inputs"/> is in the ImageNet normalisation rather than [0, 1].</summary>
    public bool ImageNetNormalized { get; }

    /// <summary>Number of rows n (may be 0 for an absent validation or test split).</summary>
    public long Count => Labels.shape[0];

    /// <summary>Number of labels C (columns of <see cref="Labels"/>).</summary>
    public int LabelCount => (int)Labels.shape[1];

    /// <summary>Shape of one input row: [F] (Vector), [L] (Tokens) or [3, H, W] (Image).</summary>
    public long[] RowShape => Inputs.shape[1..];

    /// <summary>Inputs, CPU: Vector n × F float32; Tokens n × L int64 (0 = padding); Image n × 3 × H × W float32 in [0, 1]
    /// (or in the ImageNet normalisation, <see cref="ImageNetNormalized"/>).</summary>
    public Tensor Inputs { get; }

    /// <summary>Multi-hot labels, CPU, n × C float32 with entries 0 or 1.</summary>
    public Tensor Labels { get; }

    /// <summary>Image splits read from files (prepared datasets): the file of each row, in row order, so that training can
    /// decode and augment the original images (the views of stage 1) while <see cref="Inputs"/> holds their evaluation
    /// preprocessing; null for images that exist only as tensors (synthetic data).</summary>
    /// <exception cref="ArgumentException">Set on a split that is not of images, or with a count other than
    /// <see cref="Count"/>.</exception>
    public IReadOnlyList<string>? ImagePaths
    {
        get => imagePaths;
        init
        {
            if (value is not null && (Kind != InputKind.Image || value.Count != Count))
                throw new ArgumentException(
                    $"Split '{Name}': {value.Count} image paths for {Count} {Kind} rows; image paths belong to image splits, one per row.", nameof(ImagePaths));
            imagePaths = value?.ToArray();
        }
    }

    private readonly IReadOnlyList<string>? imagePaths;

    /// <summary>Disposes the input and label tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Count} rows, input row {SplitChecks.Shape(RowShape)}, {LabelCount} labels";
}
