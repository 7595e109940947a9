using MultiLabelContrastive.Relations;

namespace MultiLabelContrastive.Tests.Properties;

/// <summary>Theorems 1–5 of the journal version over every ordered pair of subsets of a universe of 8 labels.</summary>
public class TheoremExhaustiveTests
{
    private const int Universe = 8;

    private static IEnumerable<(int S, int T, LabelPairFactors F)> AllPairs()
    {
        for (int s = 1; s < 1 << Universe; s++)
            for (int t = 0; t < 1 << Universe; t++)
                yield return (s, t, LabelSetFactors.Compute(RelationProperties.Set((ulong)s), RelationProperties.Set((ulong)t)));
    }

    private static readonly List<(int S, int T, LabelPairFactors F)> Pairs = AllPairs().ToList();

    [Fact]
    public void EveryRelationOccursAndTheoremsOneToThreeHave_NoViolation()
    {
        Assert.Equal(255 * 256, Pairs.Count);
        foreach (var r in new[] { Relation.R1, Relation.R2, Relation.R3, Relation.R4, Relation.R5 })
            Assert.Contains(Pairs, p => p.F.Relation == r);
        Assert.All(Pairs.Where(p => p.F.Relation == Relation.R1), p => Assert.Equal(0.0, p.F.K));
        Assert.All(Pairs.Where(p => p.F.Relation == Relation.R2), p => Assert.Equal(1.0, p.F.K));
        Assert.All(Pairs.Where(p => p.F.Relation is Relation.R3 or Relation.R4 or Relation.R5),
            p => Assert.InRange(p.F.K!.Value, double.Epsilon, 1 - 1e-15));
    }

    [Fact]
    public void TheoremFour_R4BeatsR3OfTheSameSize_ForEveryAnchor()
    {
        long premises = 0;
        foreach (var anchor in Pairs.GroupBy(p => p.S))
            foreach (var size in anchor.GroupBy(p => System.Numerics.BitOperations.PopCount((uint)p.T)))
            {
                var r4 = size.Where(p => p.F.Relation == Relation.R4).Select(p => p.F.K!.Value).ToList();
                var r3 = size.Where(p => p.F.Relation == Relation.R3).Select(p => p.F.K!.Value).ToList();
                if (r4.Count == 0 || r3.Count == 0) continue;
                premises += (long)r4.Count * r3.Count;
                Assert.True(r4.Min() > r3.Max(), $"S = {anchor.Key}, |T| = {size.Key}: min K(R4) {r4.Min()} ≤ max K(R3) {r3.Max()}");
            }
        Assert.True(premises > 10_000, $"only {premises} (R4, R3) pairs met the premise");
    }

    [Fact]
    public void TheoremFive_R5BeatsR3WithAtLeastAsManyExtraLabels_ForEveryAnchor()
    {
        long premises = 0;
        foreach (var anchor in Pairs.GroupBy(p => p.S))
        {
            int Extra(int t) => System.Numerics.BitOperations.PopCount((uint)(t & ~anchor.Key));
            var r5 = anchor.Where(p => p.F.Relation == Relation.R5).ToList();
            var r3 = anchor.Where(p => p.F.Relation == Relation.R3).ToList();
            foreach (var five in r5)
                foreach (var three in r3.Where(p => Extra(five.T) <= Extra(p.T)))
                {
                    premises++;
                    Assert.True(five.F.K > three.F.K, $"S = {anchor.Key}: K(R5, T = {five.T}) ≤ K(R3, T = {three.T})");
                }
        }
        Assert.True(premises > 10_000, $"only {premises} (R5, R3) pairs met the premise");
    }
}
