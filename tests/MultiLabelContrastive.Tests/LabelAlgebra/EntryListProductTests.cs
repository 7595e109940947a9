using MultiLabelContrastive.LabelAlgebra;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.LabelAlgebra;

/// <summary>The CPU entry-list product equals the dense product, with and without weights, in both dtypes.</summary>
public class EntryListProductTests
{
    private static Tensor RandomLabels(int rows, int labels, int seed, double probability)
    {
        var random = new Random(seed);
        var y = new float[rows, labels];
        for (int i = 0; i < rows; i++)
        {
            for (int l = 0; l < labels; l++) y[i, l] = random.NextDouble() < probability ? 1 : 0;
            if (i % 3 == 0) y[i, 0] = 1;          // a head label carried by a third of the rows: the dense-row branch
            if (i % 11 == 0) y[i, labels - 1] = 1; // a label in neither branch's extreme
        }
        y[rows - 1, 0] = 0;
        for (int l = 0; l < labels; l++) y[rows - 1, l] = 0;  // an empty row
        return tensor(y);
    }

    [Theory]
    [InlineData(ScalarType.Float32, 37, 53)]
    [InlineData(ScalarType.Float64, 64, 64)]
    [InlineData(ScalarType.Float32, 1, 9)]
    public void MatchesTheDenseProduct(ScalarType dtype, int ma, int mr)
    {
        using var scope = NewDisposeScope();
        var a = RandomLabels(ma, 700, ma, 0.004).to_type(dtype);
        var b = RandomLabels(mr, 700, mr + 1, 0.004).to_type(dtype);
        var left = LabelMatrix.Of(a, dtype);
        var right = LabelMatrix.Of(b, dtype);
        Assert.True(left.IsSparse && right.IsSparse);
        Assert.True(EntryListProduct.Supports(left, right, dtype));

        var counts = EntryListProduct.Compute(left, right, dtype, null, null);
        Assert.Equal(dtype, counts.dtype);
        Assert.Equal(0.0, (counts - a.matmul(b.t())).abs().max().to_type(float64).item<double>());

        var labelWeights = rand(700, dtype: dtype);
        var rowWeights = rand(ma, dtype: dtype);
        var weighted = EntryListProduct.Compute(left, right, dtype, labelWeights, rowWeights);
        var expected = (a * labelWeights.unsqueeze(0) * rowWeights.unsqueeze(1)).matmul(b.t());
        Assert.True((weighted - expected).abs().max().to_type(float64).item<double>() < (dtype == ScalarType.Float64 ? 1e-12 : 1e-5));
    }

    [Fact]
    public void AnEmptyReferenceSetGivesZeros()
    {
        using var scope = NewDisposeScope();
        var a = RandomLabels(5, 600, 3, 0.004);
        var b = zeros(4, 600);
        var p = EntryListProduct.Compute(LabelMatrix.Of(a, float32), LabelMatrix.Of(b, float32), float32, null, null);
        Assert.Equal([5L, 4L], p.shape);
        Assert.Equal(0f, p.abs().sum().item<float>());
    }
}
