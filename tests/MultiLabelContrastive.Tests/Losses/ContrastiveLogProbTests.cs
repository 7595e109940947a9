using MultiLabelContrastive.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>The loss's ℓ (finite stand-in on self pairs) is the public ℓ everywhere else, gradients included.</summary>
public class ContrastiveLogProbTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 0.07)]
    [InlineData(ScalarType.Float64, 0.01)]
    public void TheLossFormMatchesThePublicOneOffTheSelfPairs(ScalarType dtype, double tau)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = randn(9, 5, dtype: dtype).requires_grad_(true);
        var self = eye(9, 9, ScalarType.Bool);
        var weights = rand(9, 9, dtype: dtype).masked_fill_(self, 0);

        var reference = ContrastiveLogProb.Compute(x, x, tau, self);
        var lossForm = FastContrastiveLogProb.Compute(x, x, tau);
        Assert.True(lossForm.isfinite().all().item<bool>());
        Assert.True(lossForm.masked_select(self).lt(-1e29).all().item<bool>());   // the stand-in, not 0
        Assert.Equal(0.0, (reference - lossForm).masked_fill(self, 0).abs().max().to_type(float64).item<double>());

        var g1 = autograd.grad([(weights * reference).sum()], [x])[0];
        var g2 = autograd.grad([weights.view(-1).dot(lossForm.view(-1))], [x])[0];
        Assert.Equal(0.0, (g1 - g2).abs().max().to_type(float64).item<double>(), 12);
    }
}
