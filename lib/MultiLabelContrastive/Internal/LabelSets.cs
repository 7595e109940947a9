namespace MultiLabelContrastive.Internal;

/// <summary>Argument handling for label sets given as index lists.</summary>
internal static class LabelSets
{
    public static HashSet<int> ToSet(IEnumerable<int> labels, string paramName)
    {
        ArgumentNullException.ThrowIfNull(labels, paramName);
        var set = new HashSet<int>();
        foreach (var l in labels)
        {
            if (l < 0) throw new ArgumentException($"Label indices must be non-negative; got {l}.", paramName);
            set.Add(l);
        }
        return set;
    }
}
