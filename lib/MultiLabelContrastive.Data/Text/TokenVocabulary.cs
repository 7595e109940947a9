namespace MultiLabelContrastive.Data.Text;

/// <summary>
/// A compact id space for token sequences, built on the training split: source ids (cl100k) seen at least
/// <see cref="MinCount"/> times get ids 2, 3, … in order of decreasing count (ties: smaller source id first);
/// 0 is padding and every other source id maps to the single unknown bucket 1. Keeps embedding tables small.
/// </summary>
public sealed class TokenVocabulary
{
    /// <summary>Id of padding positions.</summary>
    public const int PaddingId = 0;

    /// <summary>Id shared by all source ids outside the vocabulary.</summary>
    public const int UnknownId = 1;

    /// <summary>Number of reserved ids (padding and unknown) before the first real token.</summary>
    public const int ReservedCount = 2;

    private readonly Dictionary<int, int> _toCompact;
    private readonly int[] _sourceIds;

    private TokenVocabulary(int[] sourceIds, long[] counts, int minCount)
    {
        _sourceIds = sourceIds;
        Counts = counts;
        MinCount = minCount;
        _toCompact = new Dictionary<int, int>(sourceIds.Length);
        for (var i = ReservedCount; i < sourceIds.Length; i++) _toCompact[sourceIds[i]] = i;
    }

    /// <summary>Number of compact ids V, reserved ones included; every mapped id lies in [0, V).</summary>
    public int Size => _sourceIds.Length;

    /// <summary>Smallest training count a source id needed to get its own id.</summary>
    public int MinCount { get; }

    /// <summary>Training count of each compact id (index = compact id; 0 for the two reserved ids).</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Builds the vocabulary from the source-id sequences of the training split.</summary>
    /// <param name="trainingSequences">Source ids per training document.</param>
    /// <param name="minCount">Minimum count for an own id. Range: ≥ 1.</param>
    /// <param name="maxSize">Optional cap on <see cref="Size"/> (reserved ids included; the most frequent ids are kept). Range: ≥ 2.</param>
    public static TokenVocabulary Build(IEnumerable<IReadOnlyList<int>> trainingSequences, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(trainingSequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (maxSize is { } cap) ArgumentOutOfRangeException.ThrowIfLessThan(cap, ReservedCount, nameof(maxSize));
        var counts = new Dictionary<int, long>();
        foreach (var sequence in trainingSequences)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(trainingSequences));
            foreach (var id in sequence)
            {
                if (id < 0) throw new ArgumentException($"Source token ids must be ≥ 0; found {id}.", nameof(trainingSequences));
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        var kept = counts.Where(kv => kv.Value >= minCount)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(maxSize is { } m ? m - ReservedCount : int.MaxValue)
            .ToArray();
        var sourceIds = new int[ReservedCount + kept.Length];
        var keptCounts = new long[sourceIds.Length];
        sourceIds[PaddingId] = -1;
        sourceIds[UnknownId] = -1;
        for (var i = 0; i < kept.Length; i++)
        {
            sourceIds[ReservedCount + i] = kept[i].Key;
            keptCounts[ReservedCount + i] = kept[i].Value;
        }
        return new TokenVocabulary(sourceIds, keptCounts, minCount);
    }

    /// <summary>Compact id of a source id: its own id, or <see cref="UnknownId"/>.</summary>
    public int Map(int sourceId) => _toCompact.TryGetValue(sourceId, out var id) ? id : UnknownId;

    /// <summary>Source id of a compact id, or −1 for <see cref="PaddingId"/> and <see cref="UnknownId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside [0, <see cref="Size"/>).</exception>
    public int SourceId(int compactId)
    {
        if (compactId < 0 || compactId >= Size)
            throw new ArgumentOutOfRangeException(nameof(compactId), compactId, $"Compact ids lie in [0, {Size}).");
        return _sourceIds[compactId];
    }
}
