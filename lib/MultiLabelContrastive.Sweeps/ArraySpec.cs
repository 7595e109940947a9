using System.Globalization;

namespace MultiLabelContrastive.Sweeps;

/// <summary>Slurm's <c>--array</c> value for a set of task indices: ranges <c>a-b</c> and single indices, comma-separated,
/// with <c>%K</c> for at most K tasks at once, e.g. <c>0-134%8</c> or <c>2,5-7%8</c>.</summary>
public static class ArraySpec
{
    /// <summary>The spec of <paramref name="indices"/>.</summary>
    /// <param name="indices">Non-negative task indices (any order, no repeats needed).</param>
    /// <param name="maxParallel">K, the most tasks running at once; 0 for no limit.</param>
    /// <exception cref="ArgumentException">No indices, or a negative one or K.</exception>
    public static string Of(IEnumerable<int> indices, int maxParallel)
    {
        var sorted = indices.Distinct().Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("There are no tasks to submit.", nameof(indices));
        if (sorted[0] < 0) throw new ArgumentException($"Task index {sorted[0]} is negative.", nameof(indices));
        if (maxParallel < 0) throw new ArgumentException($"The parallel limit must be ≥ 0 (0: none), got {maxParallel}.", nameof(maxParallel));
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? Text(sorted[i]) : $"{Text(sorted[i])}-{Text(sorted[j])}");
            i = j + 1;
        }

        return string.Join(',', parts) + (maxParallel > 0 ? "%" + Text(maxParallel) : "");
    }

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);
}
