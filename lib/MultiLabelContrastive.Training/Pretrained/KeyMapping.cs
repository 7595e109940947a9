namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// Building blocks of the function that maps a published checkpoint key to a module state-dict key (null: the key is
/// ignored). Architectures compose them, e.g. RoBERTa: <c>Chain(Ignore("lm_head.", "roberta.embeddings.position_ids"),
/// StripPrefix("roberta."), LegacyLayerNormNames)</c>.
/// </summary>
public static class KeyMapping
{
    /// <summary>Every key maps to itself.</summary>
    public static Func<string, string?> Identity { get; } = key => key;

    /// <summary>The old TensorFlow-era LayerNorm names: a trailing <c>.gamma</c> becomes <c>.weight</c>, <c>.beta</c>
    /// becomes <c>.bias</c>.</summary>
    public static Func<string, string?> LegacyLayerNormNames { get; } = key =>
        key.EndsWith(".gamma", StringComparison.Ordinal) ? key[..^".gamma".Length] + ".weight"
        : key.EndsWith(".beta", StringComparison.Ordinal) ? key[..^".beta".Length] + ".bias"
        : key;

    /// <summary>Removes a leading prefix where present (a key without it is kept as it is, so a bare
    /// <c>BertModel</c> checkpoint and a <c>BertForMaskedLM</c> one map alike).</summary>
    /// <param name="prefix">e.g. "roberta." or "model.".</param>
    public static Func<string, string?> StripPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return key => key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : key;
    }

    /// <summary>Ignores keys equal to, or starting with, any of the given names (e.g. "lm_head." or
    /// "embeddings.position_ids").</summary>
    /// <param name="prefixes">Keys or key prefixes to ignore.</param>
    public static Func<string, string?> Ignore(params string[] prefixes)
    {
        var copy = prefixes.ToArray();
        return key => copy.Any(p => key.StartsWith(p, StringComparison.Ordinal)) ? null : key;
    }

    /// <summary>Applies the steps in order; a step returning null ends the chain with null (ignored).</summary>
    /// <param name="steps">The steps.</param>
    public static Func<string, string?> Chain(params Func<string, string?>[] steps)
    {
        var copy = steps.ToArray();
        return key =>
        {
            string? current = key;
            foreach (var step in copy)
            {
                current = step(current);
                if (current is null)
                    return null;
            }
            return current;
        };
    }
}
