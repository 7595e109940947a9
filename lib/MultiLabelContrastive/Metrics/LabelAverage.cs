namespace MultiLabelContrastive.Metrics;

/// <summary>A mean of a per-label metric over the labels for which it is defined, with the count it used.</summary>
/// <param name="Value">The mean over the used labels; NaN when no label could be used.</param>
/// <param name="LabelsUsed">Number of labels the mean is over.</param>
/// <param name="LabelCount">Number of labels C in the matrix.</param>
public sealed record LabelAverage(double Value, int LabelsUsed, int LabelCount)
{
    /// <summary>Labels left out of the mean (C − used).</summary>
    public int LabelsSkipped => LabelCount - LabelsUsed;

    /// <summary>Mean of the non-NaN entries, in label order.</summary>
    internal static LabelAverage OfDefined(double[] perLabel)
    {
        double sum = 0;
        int used = 0;
        foreach (double v in perLabel)
            if (!double.IsNaN(v))
            {
                sum += v;
                used++;
            }
        return new LabelAverage(used == 0 ? double.NaN : sum / used, used, perLabel.Length);
    }
}
