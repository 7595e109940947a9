using System.Globalization;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Synthetic;
using StbImageWriteSharp;
using static TorchSharp.torch;

namespace DataScripts.Scripts;

/// <summary>synthetic: writes any synthetic profile of the library (texts as raw text, vectors as features, images as PNG files).</summary>
internal static class SyntheticScript
{
    public static void Run(string profileName, double? scale, int seed, string output, bool force, Report report)
    {
        SyntheticProfile profile;
        try { profile = SyntheticProfiles.Describe(profileName); }
        catch (ArgumentException e) { throw new DataScriptException(e.Message); }
        var options = profile.ToOptions(scale, seed);
        report.Line($"Generating {profile.Name} (seed {seed}, scale {(scale ?? profile.DefaultScale).ToString(CultureInfo.InvariantCulture)})");
        var info = new PreparedDatasetInfo
        {
            Name = profile.Name, Kind = profile.Kind, LabelNames = [], Description = SyntheticGenerator.Describe(options), IsSurrogate = true,
            Source = $"data-scripts synthetic --profile {profile.Name} --seed {seed}" + (scale is null ? "" : $" --scale {scale.Value.ToString(CultureInfo.InvariantCulture)}"),
            FeatureCount = profile.Kind == InputKind.Vector ? options.FeatureCount : null,
            ImageRoot = profile.Kind == InputKind.Image ? "." : null,
        };
        var expected = FormattableString.Invariant(
            $"train {options.TrainCount} / validation {options.ValidationCount} / test {options.TestCount} rows, {options.LabelCount} labels, about {options.MeanLabelsPerSample:0.0} labels per row");
        if (profile.Kind == InputKind.Tokens)
        {
            var corpus = SyntheticGenerator.GenerateTexts(options);
            PreparedOutput.Write(output, force, info with { LabelNames = corpus.LabelNames }, writer =>
            {
                foreach (var (name, split) in new[] { ("train", corpus.Train), ("validation", corpus.Validation), ("test", corpus.Test) })
                    for (var i = 0; i < split.Count; i++)
                        writer.AddText(name, Id(i), split.LabelIndices[i], split.Texts[i]);
            }, report, expected);
            return;
        }
        using var dataset = SyntheticGenerator.Generate(options);
        PreparedOutput.Write(output, force, info with { LabelNames = dataset.LabelNames }, writer =>
        {
            foreach (var split in dataset.Splits)
            {
                var labels = split.Labels.data<float>().ToArray();
                var c = dataset.LabelCount;
                var inputs = split.Inputs.data<float>().ToArray();
                var rowSize = inputs.Length / Math.Max(1, (int)split.Count);
                for (var i = 0; i < split.Count; i++)
                {
                    var set = Enumerable.Range(0, c).Where(j => labels[i * c + j] == 1).ToArray();
                    var row = inputs.AsSpan(i * rowSize, rowSize);
                    if (profile.Kind == InputKind.Vector)
                    {
                        var features = new double[rowSize];
                        for (var j = 0; j < rowSize; j++) features[j] = row[j];
                        writer.AddVector(split.Name, Id(i), set, features);
                    }
                    else
                    {
                        writer.AddImageFile(split.Name, Id(i), set, $"images/{split.Name}/{Id(i)}.png", Png(row, options.ImageSize));
                    }
                }
            }
        }, report, expected);
    }

    private static string Id(int i) => i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>A 3 × S × S channel-major image in [0, 1] as an 8-bit RGB PNG.</summary>
    internal static byte[] Png(ReadOnlySpan<float> planes, int size)
    {
        var pixels = new byte[size * size * 3];
        for (var p = 0; p < size * size; p++)
        for (var c = 0; c < 3; c++)
            pixels[p * 3 + c] = (byte)Math.Clamp((int)Math.Round(planes[c * size * size + p] * 255), 0, 255);
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(pixels, size, size, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }
}
