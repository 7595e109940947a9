namespace MultiLabelContrastive.Sweeps;

/// <summary>Where a sweep stands: its manifest's ids counted by the state of their records.</summary>
/// <param name="Done">Ids with a succeeded record.</param>
/// <param name="Failed">Ids whose last attempt failed (they run again on the next submission).</param>
/// <param name="Pending">Ids without a record: not run yet, running, or killed.</param>
/// <param name="LeftoverTemporaryFiles">Files of running or killed tasks in the store (never read as results).</param>
public sealed record SweepStatus(IReadOnlyList<SweepEntry> Done, IReadOnlyList<(SweepEntry Entry, SweepError? Error)> Failed,
    IReadOnlyList<SweepEntry> Pending, IReadOnlyList<string> LeftoverTemporaryFiles)
{
    /// <summary>Counts the manifest's ids in a store.</summary>
    public static SweepStatus Of(SweepManifest manifest, SweepStore store)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(store);
        var done = new List<SweepEntry>();
        var failed = new List<(SweepEntry, SweepError?)>();
        var pending = new List<SweepEntry>();
        foreach (var entry in manifest.Entries)
        {
            var record = store.Read(entry.Id);
            if (record is null) pending.Add(entry);
            else if (record.IsDone) done.Add(entry);
            else failed.Add((entry, record.Error));
        }

        return new SweepStatus(done, failed, pending, store.LeftoverTemporaryFiles());
    }

    /// <summary>The task indices still to run (failed and pending), ascending.</summary>
    public IReadOnlyList<int> ToRun => Failed.Select(f => f.Entry.Index).Concat(Pending.Select(p => p.Index)).Order().ToList();

    /// <summary>Number of ids in the manifest.</summary>
    public int Total => Done.Count + Failed.Count + Pending.Count;
}
