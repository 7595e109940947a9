using FsCheck.Xunit;
using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Properties;

/// <summary>Invariants of the relations and factors; label sets are bit masks over a universe of up to 16 or 64 labels.</summary>
public class RelationProperties
{
    internal static int[] Set(ulong mask) => Enumerable.Range(0, 64).Where(b => ((mask >> b) & 1) == 1).ToArray();

    [Property(MaxTest = 500)]
    public bool EveryPairGetsTheOneRelationItsDefinitionAndPrecedenceGive(ushort s, ushort t)
    {
        var relation = RelationClassifier.Classify(Set(s), Set(t));
        bool empty = s == 0, disjoint = (s & t) == 0, equal = s == t;
        bool superset = (s & t) == t && s != t, subset = (s & t) == s && s != t;
        // The defining condition of the returned relation holds, and no condition of higher precedence does.
        return relation switch
        {
            Relation.Undefined => empty,
            Relation.R1 => !empty && disjoint,
            Relation.R2 => !empty && !disjoint && equal,
            Relation.R4 => !empty && !disjoint && !equal && superset,
            Relation.R5 => !empty && !disjoint && !equal && !superset && subset,
            Relation.R3 => !empty && !disjoint && !equal && !superset && !subset,
            _ => false,
        };
    }

    [Property(MaxTest = 500)]
    public bool R4OneWayIsR5TheOtherWay(ushort s, ushort t)
    {
        bool r4 = RelationClassifier.Classify(Set(s), Set(t)) == Relation.R4;
        bool r5Back = RelationClassifier.Classify(Set(t), Set(s)) == Relation.R5;
        return r4 == r5Back;
    }

    [Property(MaxTest = 100)]
    public bool BatchedMatrixEqualsPairwiseClassification(ushort[] masks)
    {
        if (masks.Length == 0) return true;
        var y = new float[masks.Length, 16];
        for (int i = 0; i < masks.Length; i++)
            for (int b = 0; b < 16; b++) y[i, b] = (masks[i] >> b) & 1;
        using var scope = NewDisposeScope();
        var labels = tensor(y);
        var matrix = RelationClassifier.Matrix(labels);
        var k = LabelSetFactors.KMatrix(labels, labels);
        for (int i = 0; i < masks.Length; i++)
            for (int j = 0; j < masks.Length; j++)
            {
                var pair = LabelSetFactors.Compute(Set(masks[i]), Set(masks[j]));
                if ((Relation)matrix[i, j].item<long>() != pair.Relation) return false;
                double kij = k[i, j].item<double>();
                if (pair.K is null ? !double.IsNaN(kij) : Math.Abs(pair.K.Value - kij) > 1e-12) return false;
            }
        return true;
    }

    [Property(MaxTest = 300)]
    public bool TheoremsOneToThreeHoldOnLargeRandomSets(ulong s, ulong t)
    {
        var f = LabelSetFactors.Compute(Set(s), Set(t));
        return f.Relation switch
        {
            Relation.Undefined => f.K is null,
            Relation.R1 => f.K == 0,
            Relation.R2 => f.K == 1,
            _ => f.K > 0 && f.K < 1,
        };
    }

    [Property(MaxTest = 300)]
    public bool TheoremsFourAndFiveHoldOnLargeRandomSets(ulong s, ulong t4Drop, ulong t3Extra, ulong t5Extra)
    {
        // Build an R4 sample (proper non-empty subset of S), an R3 sample of the same size (Theorem 4) and an
        // R5 sample whose extra labels are no more than the R3 sample's (Theorem 5).
        var sSet = Set(s);
        if (sSet.Length < 2) return true;
        var t4 = sSet.Where((_, idx) => ((t4Drop >> idx) & 1) == 0).ToArray();
        if (t4.Length == 0 || t4.Length == sSet.Length) t4 = sSet.Skip(1).ToArray();
        var outside = Enumerable.Range(64, 64).ToArray(); // labels never in S
        var t3 = t4.Skip(1).Append(outside[0]).ToArray(); // same size as t4, overlaps S, not contained in S
        var f4 = LabelSetFactors.Compute(sSet, t4);
        var f3Same = LabelSetFactors.Compute(sSet, t3);
        bool premise4 = f4.Relation == Relation.R4 && f3Same.Relation == Relation.R3; // fails only when |T4| = 1
        bool theorem4 = !premise4 || f4.K > f3Same.K;

        int extra3 = 1 + (int)(t3Extra % 5);
        var t3b = new[] { sSet[0] }.Concat(outside.Take(extra3)).ToArray(); // R3 with extra3 labels outside S
        int extra5 = 1 + (int)(t5Extra % (ulong)extra3);                   // 1 ≤ |T5 \ S| ≤ |T3 \ S|
        var t5 = sSet.Concat(outside.Take(extra5)).ToArray();
        var f5 = LabelSetFactors.Compute(sSet, t5);
        var f3 = LabelSetFactors.Compute(sSet, t3b);
        bool theorem5 = f5.Relation == Relation.R5 && f3.Relation == Relation.R3 && f5.K > f3.K;
        return theorem4 && theorem5;
    }
}
