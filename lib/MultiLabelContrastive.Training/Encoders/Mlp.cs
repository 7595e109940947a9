using MultiLabelContrastive.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// A multilayer perceptron for feature vectors: every layer is Linear → ReLU → Dropout, as in the MulSupCon vector
/// backbone (103 → 256 → 512 → 256 on yeast, dropout 0.2).
/// </summary>
/// <remarks>Input: N × F float32. Output: N × H float32 with H the last hidden size (non-negative: it follows a ReLU).</remarks>
public sealed class Mlp : Encoder
{
    private readonly Sequential layers;
    private readonly long outputSize;

    /// <summary>Creates an MLP.</summary>
    /// <param name="inputSize">Feature count F. Range: ≥ 1.</param>
    /// <param name="hiddenSizes">Width of each layer, at least one. Range: every entry ≥ 1.</param>
    /// <param name="dropout">Dropout probability after every layer. Range: [0, 1).</param>
    /// <exception cref="ArgumentException">A size or the dropout is out of range.</exception>
    public Mlp(long inputSize, IReadOnlyList<long> hiddenSizes, double dropout = 0.2) : base(nameof(Mlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1L);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        if (hiddenSizes.Count == 0) throw new ArgumentException("At least one hidden layer is required.", nameof(hiddenSizes));
        for (var i = 0; i < hiddenSizes.Count; i++)
            if (hiddenSizes[i] < 1)
                throw new ArgumentException($"Hidden size {i} is {hiddenSizes[i]}; every size must be ≥ 1.", nameof(hiddenSizes));
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must lie in [0, 1).");

        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputSize;
        for (var i = 0; i < hiddenSizes.Count; i++)
        {
            modules.Add(($"linear{i}", nn.Linear(width, hiddenSizes[i])));
            modules.Add(($"relu{i}", nn.ReLU()));
            modules.Add(($"dropout{i}", nn.Dropout(dropout)));
            width = hiddenSizes[i];
        }
        layers = nn.Sequential(modules);
        InputSize = inputSize;
        outputSize = width;
        RegisterComponents();
    }

    /// <summary>The MulSupCon vector backbone: F → 256 → 512 → 256, ReLU, dropout 0.2 (yeast: F = 103).</summary>
    /// <param name="inputSize">Feature count F (103 for yeast).</param>
    /// <param name="dropout">Dropout probability (0.2 in MulSupCon).</param>
    public static Mlp MulSupCon(long inputSize = 103, double dropout = 0.2) => new(inputSize, [256, 512, 256], dropout);

    /// <summary>Feature count F of an input row.</summary>
    public long InputSize { get; }

    /// <inheritdoc />
    public override long OutputSize => outputSize;

    /// <inheritdoc />
    public override InputKind Input => InputKind.Vector;

    /// <summary>Maps N × F features to N × H representations.</summary>
    /// <param name="input">N × F float32.</param>
    public override Tensor forward(Tensor input) => layers.call(input);
}
