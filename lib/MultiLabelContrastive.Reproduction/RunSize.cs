namespace MultiLabelContrastive.Reproduction;

/// <summary>How large a run is: the three sizes of the main job (<c>bash notebooks/run.sh [--quick | --full]</c>).</summary>
public enum RunSize
{
    /// <summary>CI smoke test (<c>--quick</c>): tiny data and one or two epochs; proves the notebook runs, measures nothing.</summary>
    Quick,

    /// <summary>The main job: small data and encoders trained long enough to be above chance; the whole suite in
    /// about a quarter of an hour on two CPU cores.</summary>
    Default,

    /// <summary>Paper-scale epochs (<c>--full</c>) and the profiles' full synthetic sizes, or all of the prepared data.</summary>
    Full,
}

/// <summary>The run size of a notebook's <c>Quick</c> and <c>Full</c> parameters.</summary>
public static class RunSizes
{
    /// <summary>Quick when <paramref name="quick"/>, Full when <paramref name="full"/>, else Default.</summary>
    /// <exception cref="ArgumentException">Both are set.</exception>
    public static RunSize From(bool quick, bool full) => (quick, full) switch
    {
        (true, true) => throw new ArgumentException("Quick and Full are both set: choose one run size (--quick or --full)."),
        (true, false) => RunSize.Quick,
        (false, true) => RunSize.Full,
        _ => RunSize.Default,
    };

    /// <summary>"quick", "default" or "full", as the report's index shows it.</summary>
    public static string Name(this RunSize size) => size.ToString().ToLowerInvariant();
}
