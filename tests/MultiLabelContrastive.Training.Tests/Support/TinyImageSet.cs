using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace MultiLabelContrastive.Training.Tests.Support;

/// <summary>A tiny prepared image dataset: seeded gradient PNGs of a few sizes stored inside the dataset folder, four
/// labels, so that a test can load it as data-scripts' output is loaded.</summary>
internal static class TinyImageSet
{
    public static string Write(string root, int train = 48, int validation = 16, int test = 16)
    {
        var folder = Path.Combine(root, "tiny-images");
        var scratch = Directory.CreateDirectory(Path.Combine(root, "scratch")).FullName;
        using var writer = PreparedDatasetWriter.Create(folder, new PreparedDatasetInfo
        {
            Name = "tiny-images",
            Kind = InputKind.Image,
            LabelNames = ["red", "green", "blue", "grey"],
            Description = "Seeded gradient images for tests.",
            IsSurrogate = true,
            ImageRoot = ".",
        });
        var random = new Random(5);
        var i = 0;
        foreach (var (split, count) in new[] { ("train", train), ("validation", validation), ("test", test) })
        {
            for (var r = 0; r < count; r++, i++)
            {
                var png = TestImages.Write(Path.Combine(scratch, $"{i}.png"), 40 + 3 * (i % 7), 32 + 2 * (i % 5), i);
                var labels = Enumerable.Range(0, 4).Where(_ => random.NextDouble() < 0.4).DefaultIfEmpty(i % 4).ToArray();
                writer.AddImageFile(split, $"img{i}", labels, $"images/{split}/{i}.png", File.ReadAllBytes(png));
            }
        }
        writer.Commit();
        return folder;
    }

    /// <summary>The image file of a training row of a dataset written by <see cref="Write"/>.</summary>
    public static string TrainImage(string folder, int row) => Path.Combine(folder, "images", "train", $"{row}.png");
}
