namespace MultiLabelContrastive.Relations;

/// <summary>
/// The relation between an anchor's label set S and a sample's label set T (Huang et al., journal v3, Sec. II-C).
/// </summary>
/// <remarks>
/// The paper's definitions overlap (S = T satisfies both S ⊇ T and S ⊆ T; with T = ∅ the pair is disjoint and
/// also T ⊂ S). <see cref="RelationClassifier"/> resolves them with the precedence of docs/MATH.md:
/// Undefined (S = ∅), R1, R2, R4, R5, then R3. The numeric values are stable and used in relation matrices.
/// </remarks>
public enum Relation
{
    /// <summary>The anchor has no labels (S = ∅): no positives and no factor.</summary>
    Undefined = 0,

    /// <summary>R1, disjoint: S ∩ T = ∅ (includes T = ∅).</summary>
    R1 = 1,

    /// <summary>R2, equal: S = T.</summary>
    R2 = 2,

    /// <summary>R3, partial overlap: S ∩ T ≠ ∅ and neither set contains the other.</summary>
    R3 = 3,

    /// <summary>R4, superset: S ⊋ T (the sample's labels are a proper, non-empty subset of the anchor's).</summary>
    R4 = 4,

    /// <summary>R5, subset: S ⊊ T (the anchor's labels are a proper subset of the sample's).</summary>
    R5 = 5,
}
