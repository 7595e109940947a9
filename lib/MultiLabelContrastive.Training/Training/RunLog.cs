using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// Writes a stage's step and epoch rows to <c>steps.csv</c> and <c>epochs.csv</c> and the same numbers as TensorBoard
/// scalars (tags "{stage}/loss", "{stage}/learning_rate" by global step; "{stage}/epoch_loss", "{stage}/validation" by
/// epoch) under <c>tensorboard/</c>. A null folder makes every call a no-op.
/// </summary>
internal sealed class RunLog : IDisposable
{
    public const string StepsFile = "steps.csv";
    public const string EpochsFile = "epochs.csv";
    private const string StepsHeader = "stage,epoch,step,global_step,loss,learning_rate";
    private const string EpochsHeader = "stage,epoch,train_loss,validation,learning_rate,seconds,is_best";

    private readonly StreamWriter? steps;
    private readonly StreamWriter? epochs;
    private readonly SummaryWriter? tensorboard;

    /// <summary>Opens the logs of a stage; on resume, first drops the stage's rows after <paramref name="keepThroughEpoch"/>.</summary>
    public RunLog(string? folder, TrainingStage stage, int keepThroughEpoch)
    {
        if (folder is null) return;
        Directory.CreateDirectory(folder);
        var stepsPath = Path.Combine(folder, StepsFile);
        var epochsPath = Path.Combine(folder, EpochsFile);
        Truncate(stepsPath, StepsHeader, stage, keepThroughEpoch);
        Truncate(epochsPath, EpochsHeader, stage, keepThroughEpoch);
        steps = new StreamWriter(stepsPath, append: true);
        epochs = new StreamWriter(epochsPath, append: true);
        tensorboard = utils.tensorboard.SummaryWriter(Path.Combine(folder, "tensorboard"));
    }

    public void Step(TrainingStage stage, int epoch, int step, long globalStep, double loss, double learningRate)
    {
        if (steps is null) return;
        steps.WriteLine(Row(Name(stage), epoch, step, globalStep, loss, learningRate));
        tensorboard!.add_scalar($"{Name(stage)}/loss", (float)loss, (int)globalStep);
        tensorboard.add_scalar($"{Name(stage)}/learning_rate", (float)learningRate, (int)globalStep);
    }

    public void Epoch(EpochRecord record)
    {
        if (epochs is null) return;
        epochs.WriteLine(Row(Name(record.Stage), record.Epoch, record.TrainLoss, record.Validation?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            record.LearningRate, record.Seconds, record.IsBest ? 1 : 0));
        tensorboard!.add_scalar($"{Name(record.Stage)}/epoch_loss", (float)record.TrainLoss, record.Epoch);
        if (record.Validation is { } v) tensorboard.add_scalar($"{Name(record.Stage)}/validation", (float)v, record.Epoch);
        steps!.Flush();
        epochs.Flush();
    }

    public void Dispose()
    {
        steps?.Dispose();
        epochs?.Dispose();
    }

    public static string Name(TrainingStage stage) => stage.ToString().ToLowerInvariant();

    private static string Row(params object[] values) => string.Join(",", values.Select(v => v switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));

    /// <summary>Creates the file with its header, or keeps every row except this stage's rows after an epoch.</summary>
    private static void Truncate(string path, string header, TrainingStage stage, int keepThroughEpoch)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            File.WriteAllText(path, header + Environment.NewLine);
            return;
        }
        var name = Name(stage);
        var lines = File.ReadAllLines(path);
        var kept = lines.Where((line, i) =>
        {
            if (i == 0 || line.Length == 0) return i == 0;
            var parts = line.Split(',');
            return parts[0] != name || int.Parse(parts[1], CultureInfo.InvariantCulture) <= keepThroughEpoch;
        }).ToArray();
        if (kept.Length != lines.Length) File.WriteAllLines(path, kept);
    }
}
