namespace MultiLabelContrastive.Training.Tests.Support;

/// <summary>A synchronous progress receiver (System.Progress posts to the thread pool instead).</summary>
internal sealed class ProgressLog(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
