using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>What <see cref="ResNetWeights.Load"/> read.</summary>
/// <param name="Path">The weights file.</param>
/// <param name="Format">Its format.</param>
/// <param name="Layout">Its key layout (<see cref="ResNetKeyLayout"/>).</param>
/// <param name="Architecture">The network the file describes, e.g. "ResNet-50, ImageNet stem".</param>
/// <param name="TensorsLoaded">Parameters and buffers copied into the model.</param>
/// <param name="ClassifierKeysSkipped">Classifier keys of the file (<c>fc.*</c>, <c>classifier.*</c>) left out.</param>
public sealed record WeightsLoadReport(string Path, WeightsFormat Format, string Layout, string Architecture, int TensorsLoaded, int ClassifierKeysSkipped)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Architecture} from '{System.IO.Path.GetFileName(Path)}' ({StateDictFile.Describe(Format)}, {Layout} names): {TensorsLoaded} tensors loaded, {ClassifierKeysSkipped} classifier tensors skipped";
}

/// <summary>
/// Loads ResNet weights files into a <see cref="TorchVisionResNet"/> with strict checks: every parameter and batch-norm
/// buffer (weights, biases, running means and variances) of the model must be in the file with the same shape, and the
/// file may hold nothing else but the classifier. Any mismatch throws a <see cref="WeightsFileException"/> naming the
/// keys and shapes, before anything is copied, so a model is never left half-loaded.
/// </summary>
/// <remarks>A file without <c>num_batches_tracked</c> buffers (some exporters drop them) is accepted: they only count
/// batches for a momentum-free running average, which these batch norms do not use.</remarks>
public static partial class ResNetWeights
{
    private const int Listed = 8;

    /// <summary>Copies the weights of a file into the model.</summary>
    /// <param name="model">The model; its dtype and device are kept.</param>
    /// <param name="path">A torchvision <c>.pth</c>, a safetensors file with torchvision or Hugging Face names, or a
    /// TorchSharp weights file.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="WeightsFileException">The file is unreadable, truncated, of another layout or architecture, or its
    /// shapes do not fit.</exception>
    public static WeightsLoadReport Load(TorchVisionResNet model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var format = StateDictFile.Detect(path);
        var raw = StateDictFile.Read(path);
        try
        {
            var layout = ResNetKeyLayout.Detect(raw.Keys, path);
            var mapped = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var skipped = 0;
            foreach (var (key, tensor) in raw)
            {
                if (ResNetKeyLayout.ToTorchVision(layout, key) is { } name) mapped[name] = tensor;
                else skipped++;
            }
            var architecture = DescribeArchitecture(mapped);
            var target = model.state_dict();
            var missing = target.Keys.Where(k => !mapped.ContainsKey(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
            var unexpected = mapped.Keys.Where(k => !target.ContainsKey(k)).ToList();
            var shapes = target.Where(p => mapped.TryGetValue(p.Key, out var t) && !t.shape.SequenceEqual(p.Value.shape))
                .Select(p => $"{p.Key}: file {Shape(mapped[p.Key].shape)} vs model {Shape(p.Value.shape)}").ToList();
            if (missing.Count + unexpected.Count + shapes.Count > 0)
            {
                var message = $"'{path}' ({StateDictFile.Describe(format)}, {layout} names) holds {architecture}, which does not fit the model ({model})." +
                              Listing(" Missing in the file", missing) + Listing(" Not in the model", unexpected) + Listing(" Shapes differ", shapes) +
                              Hint(model, mapped);
                throw new WeightsFileException(path, message) { MissingKeys = missing, UnexpectedKeys = unexpected, ShapeMismatches = shapes };
            }
            using (no_grad())
            {
                foreach (var (key, destination) in target)
                    if (mapped.TryGetValue(key, out var source)) destination.copy_(source.to(destination.dtype));
            }
            return new WeightsLoadReport(Path.GetFullPath(path), format, layout, architecture, target.Keys.Count(mapped.ContainsKey), skipped);
        }
        finally
        {
            foreach (var t in raw.Values) t.Dispose();
        }
    }

    /// <summary>Reads a file's keys and tells which <see cref="TorchVisionResNet"/> it fits (depth and stem), so that a
    /// model can be built for it.</summary>
    /// <param name="path">The weights file.</param>
    /// <exception cref="WeightsFileException">Unreadable, of no ResNet layout, or a ResNet other than 18 or 50.</exception>
    public static (ResNetDepth Depth, ResNetStem Stem) Inspect(string path)
    {
        var raw = StateDictFile.Read(path);
        try
        {
            var layout = ResNetKeyLayout.Detect(raw.Keys, path);
            var mapped = raw.Where(p => ResNetKeyLayout.ToTorchVision(layout, p.Key) is not null)
                .ToDictionary(p => ResNetKeyLayout.ToTorchVision(layout, p.Key)!, p => p.Value, StringComparer.Ordinal);
            var (blocks, bottleneck) = Blocks(mapped.Keys);
            ResNetDepth? depth = (blocks, bottleneck) switch
            {
                ([2, 2, 2, 2], false) => ResNetDepth.ResNet18,
                ([3, 4, 6, 3], true) => ResNetDepth.ResNet50,
                _ => null,
            };
            if (depth is null)
                throw new WeightsFileException(path, $"'{path}' holds {DescribeArchitecture(mapped)}; the library's TorchVision encoder is ResNet-18 or ResNet-50.");
            var stem = mapped.TryGetValue("conv1.weight", out var c) && c.shape[^1] == 3 ? ResNetStem.SmallImage : ResNetStem.ImageNet;
            return (depth.Value, stem);
        }
        finally
        {
            foreach (var t in raw.Values) t.Dispose();
        }
    }

    /// <summary>The network a torchvision-named state dict describes, in words ("ResNet-50, ImageNet stem").</summary>
    /// <param name="tensors">Tensors with torchvision names.</param>
    public static string DescribeArchitecture(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var (blocks, bottleneck) = Blocks(tensors.Keys);
        var name = (string.Join(",", blocks), bottleneck) switch
        {
            ("2,2,2,2", false) => "ResNet-18",
            ("3,4,6,3", false) => "ResNet-34",
            ("3,4,6,3", true) => "ResNet-50",
            ("3,4,23,3", true) => "ResNet-101",
            ("3,8,36,3", true) => "ResNet-152",
            _ => $"a ResNet with {(bottleneck ? "Bottleneck" : "basic")} blocks [{string.Join(", ", blocks)}]",
        };
        var stem = !tensors.TryGetValue("conv1.weight", out var conv) ? "no conv1"
            : conv.shape[^1] == 7 ? "ImageNet stem" : conv.shape[^1] == 3 ? "small-image stem" : $"a {conv.shape[^1]} × {conv.shape[^1]} stem";
        var width = tensors.TryGetValue("conv1.weight", out var c) && c.shape[0] != 64 ? $", width {c.shape[0]}" : "";
        return $"{name}, {stem}{width}";
    }

    private static (int[] Blocks, bool Bottleneck) Blocks(IEnumerable<string> keys)
    {
        var blocks = new int[4];
        var bottleneck = false;
        foreach (var key in keys)
        {
            var m = BlockKey().Match(key);
            if (!m.Success) continue;
            var stage = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
            if (stage is < 0 or > 3) continue;
            blocks[stage] = Math.Max(blocks[stage], int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + 1);
            bottleneck |= m.Groups[3].Value == "conv3";
        }
        return (blocks, bottleneck);
    }

    private static string Hint(TorchVisionResNet model, IReadOnlyDictionary<string, Tensor> file)
    {
        if (file.TryGetValue("conv1.weight", out var conv) && conv.shape.Length == 4)
        {
            if (conv.shape[^1] == 7 && model.Stem == ResNetStem.SmallImage)
                return " The file has the ImageNet stem (7 × 7 conv1); build the model with ResNetStem.ImageNet and 224 × 224 inputs.";
            if (conv.shape[^1] == 3 && model.Stem == ResNetStem.ImageNet)
                return " The file has the small-image stem (3 × 3 conv1); build the model with ResNetStem.SmallImage.";
        }
        var (blocks, bottleneck) = Blocks(file.Keys);
        var fileDepth = (string.Join(",", blocks), bottleneck) switch { ("2,2,2,2", false) => ResNetDepth.ResNet18, ("3,4,6,3", true) => ResNetDepth.ResNet50, _ => (ResNetDepth?)null };
        return fileDepth is { } d && d != model.Depth ? $" Build the model as {d} to use this file." : "";
    }

    private static string Listing(string title, IReadOnlyList<string> items) =>
        items.Count == 0 ? "" : $"{title} ({items.Count}): {string.Join(", ", items.Take(Listed))}{(items.Count > Listed ? ", …" : "")}.";

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    [GeneratedRegex(@"^layer(\d)\.(\d+)\.(conv\d|bn\d|downsample)")]
    private static partial Regex BlockKey();
}
