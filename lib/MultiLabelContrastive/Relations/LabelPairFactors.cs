namespace MultiLabelContrastive.Relations;

/// <summary>
/// The relation of one (anchor, sample) label-set pair and its factors (Eq. 14, 15 of the journal version).
/// </summary>
/// <param name="Relation">The relation under the precedence of <see cref="RelationClassifier"/>.</param>
/// <param name="Similarity">Ks = |S ∩ T| / |S|; null when the relation is <see cref="Relation.Undefined"/>.</param>
/// <param name="Dissimilarity">Kd = 1 / (1 + |T \ S|); null when undefined.</param>
/// <param name="K">K = Ks · Kd; null when undefined.</param>
/// <param name="Jaccard">|S ∩ T| / |S ∪ T| (an option beyond the paper); null when undefined.</param>
public sealed record LabelPairFactors(Relation Relation, double? Similarity, double? Dissimilarity, double? K, double? Jaccard);
