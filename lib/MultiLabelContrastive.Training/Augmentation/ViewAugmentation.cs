using MultiLabelContrastive.Data;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Augmentation;

/// <summary>
/// A random transformation of a batch of inputs that makes the views of contrastive pretraining. Every random number is
/// drawn on the CPU from the <see cref="Generator"/> passed in, in a fixed order, so that the same generator state gives
/// the same views on any device.
/// </summary>
/// <remarks>Implementations never modify or dispose their input and return a new tensor on the input's device.</remarks>
public abstract class ViewAugmentation
{
    /// <summary>One random view of every row of a batch.</summary>
    /// <param name="inputs">A batch (see the concrete class for its shape and dtype), on any device.</param>
    /// <param name="generator">A CPU generator; advancing it is the only side effect.</param>
    /// <returns>A new tensor of the input's shape, dtype and device.</returns>
    /// <exception cref="ArgumentException">The batch has the wrong rank or dtype.</exception>
    public abstract Tensor Apply(Tensor inputs, Generator generator);

    /// <summary>Two independent views of a batch: <see cref="Apply"/> called twice with the same generator.</summary>
    /// <param name="inputs">The batch.</param>
    /// <param name="generator">A CPU generator.</param>
    public (Tensor First, Tensor Second) TwoViews(Tensor inputs, Generator generator)
    {
        var first = Apply(inputs, generator);
        var second = Apply(inputs, generator);
        return (first, second);
    }

    /// <summary>The identity: every view is a copy of its input (no randomness).</summary>
    public static ViewAugmentation None { get; } = new NoAugmentation();

    /// <summary>The default augmentation of an input kind: <see cref="VectorAugmentation.MulSupCon"/>,
    /// <see cref="TokenAugmentation.Default"/> or <see cref="ImageAugmentation.SimClr"/>.</summary>
    /// <param name="kind">Input kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static ViewAugmentation For(InputKind kind) => kind switch
    {
        InputKind.Vector => VectorAugmentation.MulSupCon(),
        InputKind.Tokens => TokenAugmentation.Default(),
        InputKind.Image => ImageAugmentation.SimClr(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <summary>Throws unless the batch has the given rank and, when given, dtype.</summary>
    /// <param name="inputs">The batch.</param>
    /// <param name="rank">Expected rank.</param>
    /// <param name="what">Shape in words, for the message.</param>
    /// <param name="dtype">Expected dtype, or null for any floating dtype.</param>
    protected static void CheckBatch(Tensor inputs, int rank, string what, ScalarType? dtype)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ok = inputs.dim() == rank && (dtype is { } d ? inputs.dtype == d : inputs.is_floating_point());
        if (!ok)
            throw new ArgumentException(
                $"Expected {what} ({(dtype?.ToString() ?? "floating point")}), got shape [{string.Join(", ", inputs.shape)}] {inputs.dtype}.",
                nameof(inputs));
    }

    /// <summary>Throws unless the batch is N × 3 × H × W floating-point colour images.</summary>
    /// <param name="inputs">The batch.</param>
    protected static void CheckColourImages(Tensor inputs)
    {
        CheckBatch(inputs, 4, "N × 3 × H × W images", null);
        if (inputs.shape[1] != 3)
            throw new ArgumentException($"Expected 3 colour channels, got shape [{string.Join(", ", inputs.shape)}].", nameof(inputs));
    }

    /// <summary>Checks a probability argument.</summary>
    /// <param name="value">Value.</param>
    /// <param name="name">Argument name.</param>
    /// <param name="upperExclusive">True when 1 itself is not allowed.</param>
    protected static void CheckProbability(double value, string name, bool upperExclusive = false)
    {
        var ok = value >= 0 && (upperExclusive ? value < 1 : value <= 1);
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1{(upperExclusive ? ")" : "]")}.");
    }

    private sealed class NoAugmentation : ViewAugmentation
    {
        public override Tensor Apply(Tensor inputs, Generator generator)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            return inputs.clone();
        }

        public override string ToString() => "no augmentation";
    }
}
