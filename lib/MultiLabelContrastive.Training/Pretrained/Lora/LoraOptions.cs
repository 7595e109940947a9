using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Pretrained.Lora;

/// <summary>
/// Settings of LoRA adapters (Hu et al. 2022): each chosen linear layer y = W x + b becomes
/// y = W x + b + (α / r) · B A dropout(x) with A (r × in) and B (out × r) trained and W frozen. Defaults are the paper's
/// Llama setting: r = 16, α = 32, dropout 0.1 on q_proj and v_proj.
/// </summary>
public sealed record LoraOptions
{
    /// <summary>Rank r. Range: ≥ 1.</summary>
    public int Rank { get; init; } = 16;

    /// <summary>α; the adapter output is scaled by α / r (or α / √r with <see cref="RankStabilized"/>). Range: &gt; 0.</summary>
    public double Alpha { get; init; } = 32;

    /// <summary>Dropout on the adapter's input in training mode. Range: [0, 1).</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Which linear layers get adapters, with PEFT's rule: a module path matches a name when it equals it or ends
    /// with "." + name (so "q_proj" selects every layer's attention query projection).</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = ["q_proj", "v_proj"];

    /// <summary>PEFT's string form of target_modules: a regular expression that must match a whole module path; when set
    /// it replaces <see cref="TargetModules"/>.</summary>
    public string? TargetPattern { get; init; }

    /// <summary>rsLoRA scaling α / √r instead of α / r (PEFT's <c>use_rslora</c>).</summary>
    public bool RankStabilized { get; init; }

    /// <summary>The paper's Llama setting: r 16, α 32, dropout 0.1 on q_proj and v_proj.</summary>
    public static LoraOptions Llama { get; } = new();

    /// <summary>The same setting on RoBERTa/BERT's attention: query and value.</summary>
    public static LoraOptions Roberta { get; } = new() { TargetModules = ["query", "value"] };

    /// <summary>Factor applied to B A x.</summary>
    public double Scaling => RankStabilized ? Alpha / Math.Sqrt(Rank) : Alpha / Rank;

    /// <summary>Checks every range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Rank < 1) throw new ArgumentOutOfRangeException(nameof(Rank), Rank, "The LoRA rank must be ≥ 1.");
        if (!(Alpha > 0 && double.IsFinite(Alpha))) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "LoRA α must be finite and > 0.");
        if (!(Dropout is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "LoRA dropout must lie in [0, 1).");
        if (TargetModules is null || TargetModules.Count == 0 || TargetModules.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentOutOfRangeException(nameof(TargetModules), "At least one non-blank target module name is required.");
    }

    /// <summary>Whether a module path is selected by <see cref="TargetModules"/>.</summary>
    /// <param name="path">A dotted module path, e.g. "model.layers.0.self_attn.q_proj".</param>
    public bool Targets(string path) => TargetPattern is { } pattern
        ? Regex.IsMatch(path, $"^(?:{pattern})$", RegexOptions.CultureInvariant)
        : TargetModules.Any(name => path == name || path.EndsWith("." + name, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LoRA r{Rank} α{Alpha} dropout {Dropout} on {TargetPattern ?? string.Join("/", TargetModules)}");
}
