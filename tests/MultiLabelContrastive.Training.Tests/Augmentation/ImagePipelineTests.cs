using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data.Images;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Images;
using MultiLabelContrastive.Training.Tests.Support;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training.Tests.Augmentation;

/// <summary>Decoding, the ImageNet evaluation transform, the seeded torchvision-style views and the prefetch queue.</summary>
public class ImagePipelineTests
{
    [Fact]
    public void DecodingGivesRgbPlanesAndNamesBrokenFiles()
    {
        using var folder = new TempFolder();
        var flat = TestImages.Flat(Path.Combine(folder.Path, "flat.png"), 7, 5, new SKColor(200, 100, 50));
        using var image = ImageFiles.Decode(flat);
        Assert.Equal(new long[] { 3, 5, 7 }, image.shape);
        Assert.Equal(ScalarType.Byte, image.dtype);
        Assert.Equal([200, 100, 50], Enumerable.Range(0, 3).Select(c => (int)image[c, 2, 3].item<byte>()));

        var jpeg = TestImages.Write(Path.Combine(folder.Path, "photo.jpg"), 320, 240, 1, SKEncodedImageFormat.Jpeg);
        var bytes = File.ReadAllBytes(jpeg);
        File.WriteAllBytes(jpeg, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => ImageFiles.Decode(jpeg));
        Assert.Contains("truncated", truncated.Message);
        Assert.Contains(jpeg, truncated.Message);
        var text = Path.Combine(folder.Path, "notes.png");
        File.WriteAllText(text, "not an image");
        Assert.Contains(text, Assert.Throws<InvalidDataException>(() => ImageFiles.Decode(text)).Message);
    }

    [Fact]
    public void EvaluationResizesCropsAndNormalisesWithImageNetStatistics()
    {
        using var folder = new TempFolder();
        var flat = TestImages.Flat(Path.Combine(folder.Path, "flat.png"), 500, 375, new SKColor(255, 128, 0));
        using var scope = NewDisposeScope();
        var x = ImageNetPreprocessing.Evaluation(ImageFiles.Decode(flat));
        Assert.Equal(new long[] { 3, 224, 224 }, x.shape);
        Assert.Equal(ScalarType.Float32, x.dtype);
        double[] expected = [(1.0 - 0.485) / 0.229, (128 / 255.0 - 0.456) / 0.224, (0.0 - 0.406) / 0.225];
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c], x[c].min().item<float>(), 4);
            Assert.Equal(expected[c], x[c].max().item<float>(), 4);
        }

        // Centre crop of the resized image: a 256 × 341 resize of a left/right split keeps its centre column.
        var photo = TestImages.Write(Path.Combine(folder.Path, "photo.png"), 400, 300, 2);
        var decoded = ImageFiles.Decode(photo);
        var eval = ImageNetPreprocessing.Evaluation(decoded);
        var unit = ImageNetPreprocessing.Denormalize(eval);
        Assert.True(unit.min().item<float>() >= -1e-5 && unit.max().item<float>() <= 1 + 1e-5);
        var manual = torchvision.transforms.functional.center_crop(
            torchvision.transforms.functional.resize(decoded.to_type(ScalarType.Float32).div(255).unsqueeze(0), 256, 341, InterpolationMode.Bilinear, null, true), 224, 224).squeeze(0);
        Assert.True(unit.allclose(manual.clamp(0, 1), 1e-4, 1e-4));
    }

    [Fact]
    public void ViewsAreSeededAndImageNetNormalised()
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        var images = Enumerable.Range(0, 3).Select(i => ImageNetPreprocessing.Evaluation(ImageFiles.Decode(TestImages.Write(Path.Combine(folder.Path, $"{i}.png"), 300, 260, i)))).ToArray();
        var batch = stack(images);
        var views = new ImageNetViews();
        var copy = batch.clone();
        var (a1, b1) = views.TwoViews(batch, new Generator(5));
        var (a2, b2) = views.TwoViews(batch, new Generator(5));
        var (a3, _) = views.TwoViews(batch, new Generator(6));
        Assert.Equal(new long[] { 3, 3, 224, 224 }, a1.shape);
        Assert.True(a1.Equals(a2) && b1.Equals(b2), "same seed, different views");
        Assert.False(a1.Equals(b1), "the two views are identical");
        Assert.False(a1.Equals(a3), "another seed gave the same views");
        Assert.True(batch.Equals(copy), "the input was modified");
        var unit = ImageNetPreprocessing.Denormalize(a1);
        Assert.True(unit.min().item<float>() >= -1e-4 && unit.max().item<float>() <= 1 + 1e-4, "views are not ImageNet-normalised [0, 1] pixels");
        // Views of a decoded image of another size are 224 × 224 too.
        var one = views.View(ImageFiles.Decode(TestImages.Write(Path.Combine(folder.Path, "wide.png"), 640, 200, 9)), new Random(1));
        Assert.Equal(new long[] { 3, 224, 224 }, one.shape);
    }

    [Fact]
    public void CropBoxesFollowTorchvisionsRandomResizedCrop()
    {
        var views = new ImageNetViews();
        var random = new Random(3);
        var fractions = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var (top, left, h, w) = views.CropBox(375, 500, random);
            Assert.InRange(top, 0, 375 - h);
            Assert.InRange(left, 0, 500 - w);
            var fraction = (double)h * w / (375 * 500);
            fractions.Add(fraction);
            Assert.InRange(fraction, 0.19, 1.0);
            Assert.InRange((double)w / h, 0.74, 1.35);
        }
        Assert.InRange(fractions.Min(), 0.19, 0.25);   // the lower bound of the scale is reached
        Assert.InRange(fractions.Average(), 0.47, 0.53); // torchvision's algorithm on 500 × 375 (simulated in Python): mean 0.50, below 0.6 as wide-ratio large boxes do not fit
        // A strip no box of ratio ≥ 3/4 fits in: the centred fallback with the ratio clamped.
        var strip = views.CropBox(10, 1000, new Random(1));
        Assert.Equal((0, (1000 - 13) / 2, 10, 13), strip);
    }

    [Fact]
    public void ACropBoxOfTheOutputSizeIsTheImageItself()
    {
        // minScale 1 on a 16 × 16 image: the box is the whole image, which needs no resize.
        var views = new ImageNetViews(size: 16, minScale: 1, jitterProbability: 0, grayscaleProbability: 0);
        using var scope = NewDisposeScope();
        var image = rand(3, 16, 16, generator: new Generator(2));
        for (var seed = 0; seed < 4; seed++)
        {
            Assert.Equal((0, 0, 16, 16), views.CropBox(16, 16, new Random(seed)));
            var view = ImageNetPreprocessing.Denormalize(views.View(image, new Random(seed)));
            Assert.True(view.allclose(image, 1e-5, 1e-5) || view.allclose(image.flip(-1), 1e-5, 1e-5), "the view is not the image (or its mirror)");
        }
    }

    [Fact]
    public void TheCropIsResizedWithAntialiasedBilinearInterpolationAsTorchvisionDoes()
    {
        var views = new ImageNetViews(size: 24, jitterProbability: 0, grayscaleProbability: 0);
        using var scope = NewDisposeScope();
        var image = rand(3, 60, 80, generator: new Generator(4));
        for (var seed = 0; seed < 6; seed++)
        {
            var random = new Random(seed);
            var (top, left, height, width) = views.CropBox(60, 80, random);
            var flip = random.NextDouble() < 0.5;
            var box = image.unsqueeze(0)[.., .., top..(top + height), left..(left + width)];
            var bilinear = nn.functional.interpolate(box, [24, 24], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true).squeeze(0);
            var nearest = nn.functional.interpolate(box, [24, 24], mode: InterpolationMode.Nearest).squeeze(0);
            if (flip) (bilinear, nearest) = (bilinear.flip(-1), nearest.flip(-1));
            var view = ImageNetPreprocessing.Denormalize(views.View(image, new Random(seed)));
            Assert.True(view.allclose(bilinear.clamp(0, 1), 1e-5, 1e-5), $"seed {seed}: the view is not the antialiased bilinear resize of its box");
            Assert.False(view.allclose(nearest, 1e-3, 1e-3), $"seed {seed}: nearest-neighbour resizing gives the same view; the check proves nothing");
        }
    }

    [Fact]
    public void PrefetcherGivesTheSameBatchesWhateverTheWorkersAndNamesBadFiles()
    {
        using var folder = new TempFolder();
        var paths = Enumerable.Range(0, 6).Select(i => TestImages.Write(Path.Combine(folder.Path, $"{i}.jpg"), 120 + 10 * i, 100, i, SKEncodedImageFormat.Jpeg)).ToArray();
        IReadOnlyList<IReadOnlyList<long>> order = [[4, 1], [0, 5], [3, 2]];
        var views = new ImageNetViews(size: 32);
        List<Tensor[]> Collect(int workers, int capacity)
        {
            using var prefetcher = new ImagePrefetcher(paths, order, views.View, views: 2, seed: 11, capacity, workers);
            var result = new List<Tensor[]>();
            while (prefetcher.Next() is { } batch)
            {
                Assert.Equal(order[batch.Index], batch.Rows);
                result.Add([.. batch.Views]);
            }
            return result;
        }
        var one = Collect(1, 1);
        var three = Collect(3, 2);
        Assert.Equal(3, one.Count);
        for (var b = 0; b < 3; b++)
        {
            Assert.Equal(new long[] { 2, 3, 32, 32 }, one[b][0].shape);
            Assert.True(one[b][0].Equals(three[b][0]) && one[b][1].Equals(three[b][1]), $"batch {b} depends on the worker count");
            Assert.False(one[b][0].Equals(one[b][1]), "the two views are identical");
        }
        // Row 1's first view equals a direct call with its seed: the queue adds no randomness of its own.
        using var direct = views.View(ImageFiles.Decode(paths[1]), new Random(ImagePrefetcher.ImageSeed(11, 1, 0)));
        Assert.True(direct.Equals(one[0][0][1]));
        foreach (var t in one.Concat(three).SelectMany(x => x)) t.Dispose();

        var bytes = File.ReadAllBytes(paths[5]);
        File.WriteAllBytes(paths[5], bytes[..(bytes.Length / 3)]);
        using var broken = new ImagePrefetcher(paths, order, views.View, views: 2, seed: 11);
        broken.Next()?.Dispose();
        var error = Assert.Throws<InvalidDataException>(() => broken.Next());
        Assert.Contains(paths[5], error.Message);
    }

    [Fact]
    public void PreparedImagesLoadWithTheImageNetPreprocessing()
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        var path = TestImages.Write(Path.Combine(folder.Path, "a.png"), 90, 60, 4);
        var whole = ImageFiles.ReadRgb(path, 16);
        Assert.Equal(3 * 16 * 16, whole.Length);
        Assert.All(whole, v => Assert.InRange(v, 0f, 1f));
        // Whole-image resize of a flat image keeps its colour exactly.
        var flat = ImageFiles.ReadRgb(TestImages.Flat(Path.Combine(folder.Path, "f.png"), 50, 30, new SKColor(51, 102, 204)), 8);
        Assert.Equal(0.2f, flat[0], 4);
        Assert.Equal(0.4f, flat[64], 4);
        Assert.Equal(0.8f, flat[128], 4);
    }
}
