namespace DataScripts.Common;

/// <summary>Seeded partitions of row lists.</summary>
internal static class Splits
{
    /// <summary>
    /// Halves a list into (validation, test) after a seeded Fisher–Yates shuffle of its items sorted by ordinal id, so
    /// the result depends only on the ids and the seed. Used where the paper evaluates on halves of an official
    /// evaluation split (COCO val2014, VOC 2007 test, NUS-WIDE test).
    /// </summary>
    public static (List<T> Validation, List<T> Test) Halve<T>(IEnumerable<T> items, Func<T, string> id, int seed)
    {
        var ordered = items.OrderBy(id, StringComparer.Ordinal).ToArray();
        Shuffle(ordered, seed);
        var half = ordered.Length / 2;
        return (ordered[..half].ToList(), ordered[half..].ToList());
    }

    /// <summary>Seeded Fisher–Yates shuffle (System.Random with a seed is stable across runs).</summary>
    public static void Shuffle<T>(T[] items, int seed)
    {
        var random = new Random(seed);
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
