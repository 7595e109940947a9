using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// The key layouts of ResNet weights files and their mapping to torchvision's names. torchvision and timm's plain
/// <c>resnet18</c>/<c>resnet50</c> share one layout; Hugging Face's <c>microsoft/resnet-*</c> (transformers ResNet) and
/// this library's hand-written ResNet before TorchVision are renamed key by key; timm's deep-stem variants
/// (<c>resnet50d</c> …) are a different network and are refused.
/// </summary>
public static partial class ResNetKeyLayout
{
    /// <summary>torchvision's names (also timm's plain ResNets).</summary>
    public const string TorchVision = "torchvision";

    /// <summary>Hugging Face transformers' ResNet (<c>resnet.embedder…</c>, <c>resnet.encoder.stages…</c>).</summary>
    public const string HuggingFace = "Hugging Face transformers ResNet";

    /// <summary>This library's hand-written ResNet of earlier versions (<c>stem.conv</c>, <c>stages.layer1_0.branch…</c>).</summary>
    public const string LegacyLibrary = "MultiLabelContrastive hand-written ResNet (earlier versions)";

    /// <summary>Tells the layout of a file's keys.</summary>
    /// <param name="keys">The file's keys.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="WeightsFileException">A timm deep-stem variant or no known ResNet layout.</exception>
    public static string Detect(IReadOnlyCollection<string> keys, string path)
    {
        if (keys.Contains("conv1.weight")) return TorchVision;
        if (keys.Any(k => HfEmbedder().IsMatch(k))) return HuggingFace;
        if (keys.Contains("stem.conv.weight")) return LegacyLibrary;
        if (keys.Contains("conv1.0.weight"))
            throw new WeightsFileException(path,
                $"'{path}' is a timm deep-stem ResNet (conv1.0/conv1.1/… as in resnet50d or resnet50c): a different network from " +
                "torchvision's ResNet-50, whose stem is one 7 × 7 convolution. Use torchvision's or timm's plain resnet50 weights.");
        throw new WeightsFileException(path,
            $"'{path}' does not hold ResNet weights in the torchvision, timm, Hugging Face or TorchSharp layout; its first keys are " +
            $"{string.Join(", ", keys.Take(6))}.");
    }

    /// <summary>The torchvision name of a key of the given layout, or null for classifier keys (<c>fc.*</c>,
    /// <c>classifier.*</c>), which the encoder does not have.</summary>
    /// <param name="layout">A layout from <see cref="Detect"/>.</param>
    /// <param name="key">A key of the file.</param>
    public static string? ToTorchVision(string layout, string key)
    {
        if (key.StartsWith("fc.", StringComparison.Ordinal) || key.StartsWith("classifier.", StringComparison.Ordinal)) return null;
        return layout switch
        {
            HuggingFace => FromHuggingFace(key),
            LegacyLibrary => FromLegacy(key),
            _ => key,
        };
    }

    private static string FromHuggingFace(string key)
    {
        var k = key.StartsWith("resnet.", StringComparison.Ordinal) ? key["resnet.".Length..] : key;
        var m = HfEmbedder().Match(k);
        if (m.Success) return (m.Groups[1].Value == "convolution" ? "conv1." : "bn1.") + m.Groups[2].Value;
        m = HfShortcut().Match(k);
        if (m.Success)
            return $"layer{int.Parse(m.Groups[1].Value) + 1}.{m.Groups[2].Value}.downsample.{(m.Groups[3].Value == "convolution" ? 0 : 1)}.{m.Groups[4].Value}";
        m = HfLayer().Match(k);
        if (m.Success)
            return $"layer{int.Parse(m.Groups[1].Value) + 1}.{m.Groups[2].Value}.{(m.Groups[4].Value == "convolution" ? "conv" : "bn")}{int.Parse(m.Groups[3].Value) + 1}.{m.Groups[5].Value}";
        return key; // reported as unexpected by the strict check
    }

    private static string FromLegacy(string key)
    {
        var m = LegacyStem().Match(key);
        if (m.Success) return (m.Groups[1].Value == "conv" ? "conv1." : "bn1.") + m.Groups[2].Value;
        m = LegacyBranch().Match(key);
        if (m.Success) return $"layer{m.Groups[1].Value}.{m.Groups[2].Value}.{m.Groups[3].Value}.{m.Groups[4].Value}";
        m = LegacyShortcut().Match(key);
        if (m.Success) return $"layer{m.Groups[1].Value}.{m.Groups[2].Value}.downsample.{(m.Groups[3].Value == "conv" ? 0 : 1)}.{m.Groups[4].Value}";
        return key;
    }

    [GeneratedRegex(@"^(?:resnet\.)?embedder\.embedder\.(convolution|normalization)\.(\w+)$")]
    private static partial Regex HfEmbedder();

    [GeneratedRegex(@"^encoder\.stages\.(\d+)\.layers\.(\d+)\.shortcut\.(convolution|normalization)\.(\w+)$")]
    private static partial Regex HfShortcut();

    [GeneratedRegex(@"^encoder\.stages\.(\d+)\.layers\.(\d+)\.layer\.(\d+)\.(convolution|normalization)\.(\w+)$")]
    private static partial Regex HfLayer();

    [GeneratedRegex(@"^stem\.(conv|bn)\.(\w+)$")]
    private static partial Regex LegacyStem();

    [GeneratedRegex(@"^stages\.layer(\d)_(\d+)\.branch\.((?:conv|bn)\d)\.(\w+)$")]
    private static partial Regex LegacyBranch();

    [GeneratedRegex(@"^stages\.layer(\d)_(\d+)\.shortcut\.(conv|bn)\.(\w+)$")]
    private static partial Regex LegacyShortcut();
}
