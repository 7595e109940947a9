using MultiLabelContrastive.Data.Images;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests.Images;

/// <summary>Image splits held as uint8 pixels: rows read through <see cref="DatasetSplit.Rows(Tensor, Device?)"/> are the
/// float32 rows of the same images, and the prepared ImageNet loader holds a quarter of float32's memory.</summary>
public class PixelByteSplitTests
{
    private static float MaxDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a - b).abs().max().item<float>();
    }

    /// <summary>Seeded random pixels, n × 3 × H × W uint8 covering 0–255.</summary>
    private static Tensor RandomPixels(long n, long h, long w, int seed)
    {
        var bytes = new byte[n * 3 * h * w];
        new Random(seed).NextBytes(bytes);
        return tensor(bytes, [n, 3, h, w]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PixelBytesReadAsTheFloatRowsOfTheSameImages(bool imageNetNormalized)
    {
        using var scope = NewDisposeScope();
        var pixels = RandomPixels(6, 5, 7, seed: 3);
        var unit = pixels.to_type(ScalarType.Float32) / 255.0;
        var asFloat = imageNetNormalized ? ImageNetPreprocessing.Normalize(unit) : unit;
        using var bytes = new DatasetSplit("train", InputKind.Image, pixels.clone(), zeros(6, 2), imageNetNormalized);
        using var floats = new DatasetSplit("train", InputKind.Image, asFloat.clone(), zeros(6, 2), imageNetNormalized);
        Assert.True(bytes.StoresPixelBytes);
        Assert.False(floats.StoresPixelBytes);
        Assert.Equal(ScalarType.Byte, bytes.Inputs.dtype);
        Assert.Equal(floats.RowShape, bytes.RowShape);

        var indices = tensor(new long[] { 4, 0, 4, 2 });
        var read = bytes.Rows(indices);
        Assert.Equal(ScalarType.Float32, read.dtype);
        Assert.Equal([4L, 3, 5, 7], read.shape);
        Assert.True(MaxDifference(read, floats.Rows(indices)) <= 1e-6f);
        Assert.True(MaxDifference(bytes.Rows(1, 4), floats.Rows(1, 4)) <= 1e-6f);
        Assert.True(MaxDifference(bytes.Rows(0, 6), asFloat) <= 1e-6f);
        // In the ImageNet normalisation the rows leave [0, 1]; without it they are the pixels ÷ 255.
        Assert.Equal(imageNetNormalized, bytes.Rows(0, 6).min().item<float>() < -1f);
        Assert.Equal(0, bytes.Rows(0, 0).shape[0]);

        // The image of a row for augmentation: the stored pixels, the same image as the float split's [0, 1] row.
        var image = bytes.ImageRow(5);
        Assert.Equal(ScalarType.Byte, image.dtype);
        Assert.True(MaxDifference(image.to_type(ScalarType.Float32) / 255.0, floats.ImageRow(5)) <= 1e-6f);
    }

    [Fact]
    public void ImageStorageOfAnotherDtypeOrShapeIsRefusedByName()
    {
        using var scope = NewDisposeScope();
        var labels = zeros(2, 1);
        var wrongType = Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Image, zeros(2, 3, 4, 4, ScalarType.Int32), labels.clone()));
        Assert.Contains("uint8 pixels", wrongType.Message);
        Assert.Contains("Int32", wrongType.Message);
        Assert.Equal("inputs", wrongType.ParamName);
        foreach (var shape in new long[][] { [2, 3, 4], [2, 4, 4, 4], [2, 1, 4, 4], [2, 3, 0, 4] })
        {
            var error = Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Image, zeros(shape, ScalarType.Byte), labels.clone()));
            Assert.Contains("n × 3 × H × W", error.Message);
            Assert.Contains("[" + string.Join(", ", shape) + "]", error.Message);
        }
        // Pixel bytes are images only.
        Assert.Contains("float32", Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Vector, zeros(2, 4, ScalarType.Byte), labels.clone())).Message);

        using var split = new DatasetSplit("train", InputKind.Image, zeros(2, 3, 4, 4, ScalarType.Byte), labels.clone());
        Assert.Contains("rows [1, 3)", Assert.Throws<ArgumentOutOfRangeException>(() => split.Rows(1, 2)).Message);
        using var vectors = new DatasetSplit("train", InputKind.Vector, zeros(2, 4), labels.clone());
        Assert.Contains("not images", Assert.Throws<InvalidOperationException>(() => vectors.ImageRow(0)).Message);
    }

    [Fact]
    public void FloatRowsAreReadUnchanged()
    {
        using var scope = NewDisposeScope();
        var x = randn(5, 3);
        using var split = new DatasetSplit("train", InputKind.Vector, x.clone(), zeros(5, 1));
        var indices = tensor(new long[] { 3, 1 });
        Assert.True(split.Rows(indices).equal(x.index_select(0, indices)).all().item<bool>());
        Assert.True(split.Rows(2, 3).equal(x.narrow(0, 2, 3)).all().item<bool>());
    }

    /// <summary>A prepared folder of noise PNGs of a few sizes (so resizing and cropping both act).</summary>
    private static string WriteNoiseImages(TempFolder temp, int train = 5, int test = 3)
    {
        var info = new PreparedDatasetInfo { Name = "noise", Kind = InputKind.Image, LabelNames = ["a", "b"], Description = "d", ImageRoot = "." };
        using var writer = PreparedDatasetWriter.Create(temp["noise"], info);
        var i = 0;
        foreach (var (split, count) in new[] { ("train", train), ("test", test) })
            for (var r = 0; r < count; r++, i++)
                writer.AddImageFile(split, $"{i}", [i % 2], $"images/{split}/{i}.png", Png.Noise(20 + 3 * i, 17 + 2 * (i % 3), seed: i));
        writer.Commit();
        return temp["noise"];
    }

    [Fact]
    public void TheImageNetLoaderHoldsPixelBytesAQuarterOfFloat32()
    {
        using var temp = new TempFolder();
        var folder = WriteNoiseImages(temp);
        const int size = 16, resize = size * ImageNetPreprocessing.ResizeSide / ImageNetPreprocessing.CropSide;
        var options = PreparedLoadOptions.ImageNet with { ImageSize = size };
        using var data = PreparedDataset.Load(folder, options);
        Assert.True(data.Train.StoresPixelBytes && data.Test.StoresPixelBytes && data.Train.ImageNetNormalized);
        Assert.Equal([5L, 3, size, size], data.Train.Inputs.shape);
        Assert.Equal(5, data.Train.ImagePaths!.Count);

        using var scope = NewDisposeScope();
        var rows = data.Train.Rows(0, data.Train.Count);
        Assert.Equal(rows.shape, data.Train.Inputs.shape);
        Assert.Equal(1, data.Train.Inputs.ElementSize);
        Assert.Equal(4 * data.Train.Inputs.NumberOfElements * data.Train.Inputs.ElementSize, rows.NumberOfElements * rows.ElementSize);

        // Each row is the evaluation transform of its file, within half a grey level (the pixels are rounded to 8 bits).
        var tolerance = (float)(0.5 / 255 / ImageNetPreprocessing.Std.Min() + 1e-5);
        for (var i = 0; i < data.Train.Count; i++)
        {
            using var decoded = ImageFiles.Decode(data.Train.ImagePaths[i]);
            var expected = ImageNetPreprocessing.Evaluation(decoded, resize, size);
            Assert.True(MaxDifference(rows[i], expected) <= tolerance, $"row {i} is not its image's evaluation transform");
            Assert.True(data.Train.Inputs[i].equal(ImageNetPreprocessing.EvaluationPixels(decoded, resize, size)).all().item<bool>());
        }

        // The memory guard counts one byte per value: exactly the rows' bytes pass, one byte less is refused.
        const long needed = 8L * 3 * size * size;
        using (PreparedDataset.Load(folder, options with { MaxImageBytes = needed })) { }
        var error = Assert.Throws<InsufficientMemoryException>(() => PreparedDataset.Load(folder, options with { MaxImageBytes = needed - 1 }));
        Assert.Contains("uint8 pixel rows", error.Message);
        Assert.Contains("8 images", error.Message);
    }

    [Fact]
    public void EvaluationPixelsRoundTheResizedCropAsTorchvisionDoesForUint8()
    {
        using var scope = NewDisposeScope();
        var image = RandomPixels(1, 30, 41, seed: 9)[0];
        var pixels = ImageNetPreprocessing.EvaluationPixels(image, 20, 16);
        Assert.Equal(ScalarType.Byte, pixels.dtype);
        Assert.Equal([3L, 16, 16], pixels.shape);
        // The float transform's crop in the 0–255 scale, rounded: at most half a level away, and never a whole level.
        var exact = ImageNetPreprocessing.Denormalize(ImageNetPreprocessing.Evaluation(image, 20, 16)) * 255.0;
        Assert.True(MaxDifference(pixels.to_type(ScalarType.Float32), exact) <= 0.5f + 1e-3f);
        // A flat image stays exactly flat, and float input in [0, 1] gives the same bytes as its uint8 source.
        var flat = full(new long[] { 3, 25, 19 }, 77, ScalarType.Byte);
        Assert.True(ImageNetPreprocessing.EvaluationPixels(flat, 20, 16).eq(77).all().item<bool>());
        Assert.True(ImageNetPreprocessing.EvaluationPixels(image.to_type(ScalarType.Float32) / 255.0, 20, 16).equal(pixels).all().item<bool>());
    }
}
