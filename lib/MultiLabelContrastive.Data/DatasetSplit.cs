using MultiLabelContrastive.Data.Images;
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
/// Image rows may be stored as uint8 pixels (a quarter of float32's memory: full MS-COCO at 224 × 224 in about 18 GB);
/// consumers read rows through <see cref="Rows(Tensor, Device?)"/>, which converts only the rows asked for to float32.
/// </remarks>
public sealed class DatasetSplit : IDisposable
{
    /// <summary>Creates a split after checking shapes, dtypes and values.</summary>
    /// <param name="name">Split name, e.g. "train", "validation", "test"; not blank.</param>
    /// <param name="kind">What a row of <paramref name="inputs"/> is.</param>
    /// <param name="inputs">
    /// Vector: n × F float32, finite. Tokens: n × L int64, ids ≥ 0 with 0 = padding. Image: n × 3 × H × W float32 in [0, 1]
    /// (see <paramref name="imageNetNormalized"/>), or n × 3 × H × W uint8 pixels 0–255, which <see cref="Rows(Tensor, Device?)"/>
    /// divides by 255 when it reads them.
    /// </param>
    /// <param name="labels">n × C float32 multi-hot matrix, every entry 0 or 1, C ≥ 1.</param>
    /// <param name="imageNetNormalized">Image only: the rows as read are in the ImageNet normalisation ((x − mean) / std per
    /// channel of [0, 1] pixels, <see cref="ImageNetPreprocessing.Normalize"/>) instead of [0, 1]. float32 inputs are stored
    /// so already; uint8 pixels are normalised by <see cref="Rows(Tensor, Device?)"/>.</param>
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

    /// <summary>Image only: true when the rows <see cref="Rows(Tensor, Device?)"/> gives are in the ImageNet normalisation
    /// rather than [0, 1].</summary>
    public bool ImageNetNormalized { get; }

    /// <summary>Image only: true when <see cref="Inputs"/> holds uint8 pixels (1 byte per value), converted to float32 only
    /// for the rows read through <see cref="Rows(Tensor, Device?)"/>.</summary>
    public bool StoresPixelBytes => Inputs.dtype == ScalarType.Byte;

    /// <summary>Number of rows n (may be 0 for an absent validation or test split).</summary>
    public long Count => Labels.shape[0];

    /// <summary>Number of labels C (columns of <see cref="Labels"/>).</summary>
    public int LabelCount => (int)Labels.shape[1];

    /// <summary>Shape of one input row: [F] (Vector), [L] (Tokens) or [3, H, W] (Image).</summary>
    public long[] RowShape => Inputs.shape[1..];

    /// <summary>Inputs as stored, CPU: Vector n × F float32; Tokens n × L int64 (0 = padding); Image n × 3 × H × W float32 in
    /// [0, 1] or in the ImageNet normalisation (<see cref="ImageNetNormalized"/>), or uint8 pixels
    /// (<see cref="StoresPixelBytes"/>). Feed models through <see cref="Rows(Tensor, Device?)"/>, which gives every kind of
    /// storage as the encoder reads it.</summary>
    public Tensor Inputs { get; }

    /// <summary>The rows <paramref name="indices"/> as the encoder reads them: Vector float32, Tokens int64, Image float32 in
    /// [0, 1] or the ImageNet normalisation (uint8 pixels are moved to <paramref name="device"/> as bytes, then ÷ 255 and
    /// normalised there, so only the batch is ever float32).</summary>
    /// <param name="indices">1-D int64 row indices in [0, <see cref="Count"/>) (moved to the CPU when elsewhere).</param>
    /// <param name="device">Where the rows go; null: the CPU.</param>
    /// <returns>A new tensor of indices.Count rows, owned by the caller (registered in the caller's dispose scope).</returns>
    public Tensor Rows(Tensor indices, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        using var scope = NewDisposeScope();
        var selected = Inputs.index_select(0, indices.device_type == DeviceType.CPU ? indices : indices.cpu());
        return ForModel(selected, device).MoveToOuterDisposeScope();
    }

    /// <summary>The rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) as the encoder
    /// reads them (see <see cref="Rows(Tensor, Device?)"/>).</summary>
    /// <param name="start">First row. Range: 0 to <see cref="Count"/>.</param>
    /// <param name="length">Number of rows. Range: 0 to <see cref="Count"/> − start.</param>
    /// <param name="device">Where the rows go; null: the CPU.</param>
    /// <returns>A new tensor owned by the caller; for float32 or int64 storage read on the CPU it shares
    /// <see cref="Inputs"/>' memory (a view), so do not modify it in place.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the split.</exception>
    public Tensor Rows(long start, long length, Device? device = null)
    {
        if (start < 0 || length < 0 || start + length > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"Split '{Name}': rows [{start}, {start + length}) lie outside its {Count} rows.");
        using var scope = NewDisposeScope();
        return ForModel(Inputs.narrow(0, start, length), device).MoveToOuterDisposeScope();
    }

    /// <summary>Image only: the image of one row for augmentation, 3 × H × W: uint8 pixels when stored so, else float32 in
    /// [0, 1] (read back from the ImageNet normalisation and clamped when stored so). Safe to call from several threads.</summary>
    /// <param name="row">Row index. Range: 0 to <see cref="Count"/> − 1.</param>
    /// <returns>A new tensor owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The split does not hold images.</exception>
    public Tensor ImageRow(long row)
    {
        if (Kind != InputKind.Image) throw new InvalidOperationException($"Split '{Name}' holds {Kind} rows, not images.");
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        if (StoresPixelBytes || !ImageNetNormalized) return Inputs[row];
        using var scope = NewDisposeScope();
        return ImageNetPreprocessing.Denormalize(Inputs[row]).clamp_(0, 1).MoveToOuterDisposeScope();
    }

    private Tensor ForModel(Tensor stored, Device? device)
    {
        var moved = device is null ? stored : stored.to(device);
        if (!StoresPixelBytes) return moved;
        var unit = moved.to_type(ScalarType.Float32).div_(255.0);
        return ImageNetNormalized ? ImageNetPreprocessing.Normalize(unit) : unit;
    }

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
    public override string ToString() =>
        $"{Name}: {Count} rows, input row {SplitChecks.Shape(RowShape)}{(StoresPixelBytes ? " (uint8 pixels)" : "")}, {LabelCount} labels";
}
