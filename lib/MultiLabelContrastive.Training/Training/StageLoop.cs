using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// The loop shared by every stage: seeded batch order, one dispose scope per batch, the cosine schedule, gradient
/// clipping, validation under no_grad after each epoch, best-weights tracking, early stopping, per-epoch checkpoints with
/// resume, logs and progress.
/// </summary>
internal sealed class StageLoop
{
    public required TrainingStage Stage { get; init; }
    public required TrainingOptions Options { get; init; }
    public required int Epochs { get; init; }
    public required double LearningRate { get; init; }
    public required long TrainRows { get; init; }
    public required bool DropLastPartialBatch { get; init; }

    /// <summary>Modules saved in checkpoints and in the best-weights snapshot.</summary>
    public required IReadOnlyList<(string Name, nn.Module Module)> Modules { get; init; }

    /// <summary>The parameters of the stage's modules; the optimizer receives those that require a gradient (a frozen
    /// base model under LoRA adapters gets no optimizer state).</summary>
    public required IReadOnlyList<Parameter> Parameters { get; init; }

    /// <summary>Those of <see cref="Parameters"/> that get no weight decay (their own optimizer group); null or empty:
    /// one group, every parameter decayed.</summary>
    public IReadOnlyList<Parameter>? NoDecayParameters { get; init; }

    /// <summary>Switches the modules between training (true) and evaluation (false) mode.</summary>
    public required Action<bool> SetTraining { get; init; }

    /// <summary>The loss of a batch given its CPU int64 row indices and the stage's generator (on the autograd graph).</summary>
    public required Func<Tensor, Generator, Tensor> BatchLoss { get; init; }

    /// <summary>Called at the start of each epoch, before its first step, with the epoch's batches (dataset rows, in step
    /// order: the rows each <see cref="BatchLoss"/> call will get) and the stage's generator; what it returns is disposed
    /// when the epoch ends or fails. Lets a stage make its batches ahead of the steps (e.g. a prefetch queue). Null: none.</summary>
    public Func<IReadOnlyList<IReadOnlyList<long>>, Generator, IDisposable?>? BeginEpoch { get; init; }

    /// <summary>The monitored validation number (called in evaluation mode under no_grad), or null without validation.</summary>
    public required Func<double?> Validate { get; init; }

    public required bool HigherIsBetter { get; init; }

    /// <summary>Epochs without improvement before stopping (0: never stop).</summary>
    public required int Patience { get; init; }

    /// <summary>Restore the best epoch's weights at the end (false: keep the last epoch's).</summary>
    public required bool RestoreBest { get; init; }
    public required string MonitorName { get; init; }
    public ICheckpointPart? Extra { get; init; }

    /// <summary>Called right after every optimizer step (e.g. the key encoder's moving average).</summary>
    public Action? AfterOptimizerStep { get; init; }
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Everything that must match for a checkpoint to be resumed.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>
    /// Full batches, plus the last partial batch unless <see cref="DropLastPartialBatch"/> is set or it would hold a
    /// single row (batch norm cannot train on one row). A split smaller than one batch gives one step with all rows.
    /// </summary>
    public int StepsPerEpoch
    {
        get
        {
            var batch = Options.BatchSize;
            if (TrainRows <= batch) return 1;
            var remainder = TrainRows % batch;
            var keepPartial = !DropLastPartialBatch && remainder > 1;
            return (int)(TrainRows / batch + (keepPartial ? 1 : 0));
        }
    }

    public StageResult Run(CancellationToken cancellationToken)
    {
        MultiLabelContrastive.Devices.TorchThreads.Configure();
        if (Options.Threads is { } threads) set_num_threads(threads);
        var seed = StageSeed(Options.Seed, Stage);
        SeedGlobal(seed);
        using var generator = new Generator((ulong)seed);
        using var optimizer = CreateOptimizer();
        var store = Options.CheckpointDirectory is { } root ? new CheckpointStore(root, Stage) : null;

        var history = new List<EpochRecord>();
        var startEpoch = 0;
        long globalStep = 0;
        var bestEpoch = 0;
        double? bestValue = null;
        var sinceImprovement = 0;
        var stoppedEarly = false;
        WeightSnapshot? best = null;

        if (Options.Resume && store?.ReadLatestState() is { } state)
        {
            if (state.Fingerprint != Fingerprint)
                throw new InvalidOperationException(
                    $"The checkpoint in '{store.Folder}' was written with other settings and cannot be resumed.{Environment.NewLine}" +
                    $"checkpoint: {state.Fingerprint}{Environment.NewLine}now:        {Fingerprint}{Environment.NewLine}" +
                    "Delete the folder, or run with the original settings.");
            best = store.Load(Modules, state.Finished ? null : optimizer, generator, Extra);
            history.AddRange(state.History);
            if (state.Finished)
            {
                best?.Dispose();
                return new StageResult(Stage, history, state.BestEpoch, state.StoppedEarly, StepsPerEpoch, MonitorName);
            }
            startEpoch = state.Epoch;
            globalStep = state.GlobalStep;
            bestEpoch = state.BestEpoch;
            bestValue = state.BestValue;
            sinceImprovement = state.EpochsWithoutImprovement;
        }

        using var log = new RunLog(Options.LogDirectory, Stage, startEpoch);
        // Gradient accumulation: the optimizer steps once per group of micro-batches (the last group of an epoch may be
        // shorter); the schedule counts optimizer steps.
        var accumulation = Options.GradientAccumulationSteps;
        var updatesPerEpoch = (StepsPerEpoch + accumulation - 1) / accumulation;
        var totalSteps = (long)Epochs * updatesPerEpoch;
        var warmup = CosineSchedule.WarmupSteps(totalSteps, Options.WarmupFraction);
        var clock = Stopwatch.StartNew();
        var learningRate = LearningRate;
        try
        {
            for (var epoch = startEpoch + 1; epoch <= Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                SetTraining(true);
                using var order = randperm(TrainRows, generator: generator);
                using var epochBatches = BeginEpoch?.Invoke(Batches(order), generator);
                double lossSum = 0;
                for (var step = 0; step < StepsPerEpoch; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var start = (long)step * Options.BatchSize;
                    var indices = order.narrow(0, start, Math.Min(Options.BatchSize, TrainRows - start));
                    var update = (long)(epoch - 1) * updatesPerEpoch + step / accumulation;
                    learningRate = CosineSchedule.LearningRate(update, totalSteps, warmup, LearningRate, Options.FinalLearningRateFraction);
                    var groupSize = Math.Min(accumulation, StepsPerEpoch - step / accumulation * accumulation);
                    if (step % accumulation == 0) optimizer.zero_grad();
                    var loss = BatchLoss(indices, generator);
                    (groupSize == 1 ? loss : loss / groupSize).backward();
                    if (step % accumulation == groupSize - 1)
                    {
                        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
                        if (Options.GradientClipNorm > 0) nn.utils.clip_grad_norm_(Trainable, Options.GradientClipNorm);
                        optimizer.step();
                        AfterOptimizerStep?.Invoke();
                    }
                    var value = loss.item<float>();
                    if (!float.IsFinite(value))
                        throw new InvalidOperationException(
                            $"{Stage}: the loss became {value} at epoch {epoch}, step {step + 1} (learning rate {learningRate.ToString("G4", CultureInfo.InvariantCulture)}); lower the learning rate.");
                    lossSum += value;
                    globalStep++;
                    if (globalStep % Options.LogEverySteps == 0) log.Step(Stage, epoch, step + 1, globalStep, value, learningRate);
                    Progress?.Report(new TrainingProgress(Stage, epoch, Epochs, step + 1, StepsPerEpoch, globalStep, value, learningRate, false, null, clock.Elapsed));
                }

                SetTraining(false);
                double? validation;
                using (no_grad()) validation = Validate();
                var improved = validation is not { } v
                    || bestValue is not { } b
                    || (HigherIsBetter ? v > b + Options.EarlyStoppingMinDelta : v < b - Options.EarlyStoppingMinDelta);
                if (improved)
                {
                    bestEpoch = epoch;
                    bestValue = validation;
                    sinceImprovement = 0;
                    best?.Dispose();
                    best = validation is null || !RestoreBest ? null : WeightSnapshot.Capture(Modules);
                }
                else
                {
                    sinceImprovement++;
                }
                if (Options.LogDirectory is { } logs) PeakMemoryLog.Append(logs, Stage, epoch);
                var record = new EpochRecord(Stage, epoch, lossSum / StepsPerEpoch, validation, learningRate, epochClock.Elapsed.TotalSeconds, improved);
                history.Add(record);
                log.Epoch(record);
                stoppedEarly = Patience > 0 && validation is not null && sinceImprovement >= Patience && epoch < Epochs;
                store?.Save(State(epoch, globalStep, bestEpoch, bestValue, sinceImprovement, finished: false, stoppedEarly, history),
                    Modules, best, optimizer, generator, Extra);
                Progress?.Report(new TrainingProgress(Stage, epoch, Epochs, StepsPerEpoch, StepsPerEpoch, globalStep, record.TrainLoss, learningRate, true, validation, clock.Elapsed));
                if (stoppedEarly) break;
            }

            best?.Restore(Modules);
            if (history.Count > 0 && (best is null || !RestoreBest)) bestEpoch = history[^1].Epoch;
            store?.Save(State(history.Count == 0 ? 0 : history[^1].Epoch, globalStep, bestEpoch, bestValue, sinceImprovement, finished: true, stoppedEarly, history),
                Modules, null, null, generator, null);
            return new StageResult(Stage, history, bestEpoch, stoppedEarly, StepsPerEpoch, MonitorName);
        }
        finally
        {
            best?.Dispose();
            SetTraining(false);
        }
    }

    /// <summary>The rows of each step of an epoch, as the step loop cuts them from the epoch's order.</summary>
    private IReadOnlyList<IReadOnlyList<long>> Batches(Tensor order)
    {
        var rows = order.data<long>().ToArray();
        var batches = new IReadOnlyList<long>[StepsPerEpoch];
        for (var step = 0; step < StepsPerEpoch; step++)
        {
            var start = step * Options.BatchSize;
            batches[step] = rows[start..(int)Math.Min(start + Options.BatchSize, TrainRows)];
        }
        return batches;
    }

    /// <summary>The seed of a stage: different per stage, fixed by the run's seed.</summary>
    public static long StageSeed(int seed, TrainingStage stage) => seed * 1_000_003L + 7_919L * ((int)stage + 1);

    /// <summary>Seeds torch's global generator (dropout, initialisation) and, when present, every CUDA generator.</summary>
    public static void SeedGlobal(long seed)
    {
        random.manual_seed(seed).Dispose();
        if (cuda.is_available()) cuda.manual_seed_all(seed);
    }

    private CheckpointState State(int epoch, long globalStep, int bestEpoch, double? bestValue, int sinceImprovement, bool finished, bool stoppedEarly,
        List<EpochRecord> history) => new()
    {
        Fingerprint = Fingerprint,
        Epoch = epoch,
        GlobalStep = globalStep,
        BestEpoch = bestEpoch,
        BestValue = bestValue,
        EpochsWithoutImprovement = sinceImprovement,
        Finished = finished,
        StoppedEarly = stoppedEarly,
        History = [.. history],
    };

    /// <summary>Those of <see cref="Parameters"/> that require a gradient: what the optimizer updates and clipping reads.</summary>
    public IReadOnlyList<Parameter> Trainable => trainable ??= Parameters.Where(p => p.requires_grad).ToList();

    private List<Parameter>? trainable;

    /// <summary>The stage's optimizer over <see cref="Trainable"/> (two groups with <see cref="NoDecayParameters"/>).</summary>
    public OptimizerHelper CreateOptimizer()
    {
        var parameters = Trainable;
        if (parameters.Count == 0)
            throw new InvalidOperationException($"{Stage}: none of the {Parameters.Count} parameters requires a gradient, so there is nothing to train (is the whole encoder frozen?).");
        if (NoDecayParameters is { Count: > 0 } exempt)
        {
            // Two groups: decayed weights, and the exempt ones (bias, normalisation weights) with weight decay 0.
            var exemptSet = exempt.ToHashSet(ReferenceEqualityComparer.Instance);
            var decayed = parameters.Where(p => !exemptSet.Contains(p)).ToList();
            var kept = parameters.Where(p => exemptSet.Contains(p)).ToList();
            return Options.Optimizer switch
            {
                OptimizerKind.Sgd => throw new NotSupportedException(
                    "TrainingOptions.NoDecayOnBiasAndNorm is implemented for Adam and AdamW only; SGD takes one weight decay for every parameter."),
                OptimizerKind.Adam => optim.Adam(new Adam.ParamGroup[]
                {
                    new(decayed, LearningRate, 0.9, 0.999, 1e-8, Options.WeightDecay, false, false),
                    new(kept, LearningRate, 0.9, 0.999, 1e-8, 0.0, false, false),
                }, LearningRate),
                _ => optim.AdamW(new AdamW.ParamGroup[]
                {
                    new(decayed, LearningRate, 0.9, 0.999, 1e-8, Options.WeightDecay, false, false),
                    new(kept, LearningRate, 0.9, 0.999, 1e-8, 0.0, false, false),
                }, LearningRate),
            };
        }
        return Options.Optimizer switch
        {
            OptimizerKind.Adam => optim.Adam(parameters, LearningRate, weight_decay: Options.WeightDecay),
            OptimizerKind.Sgd => optim.SGD(parameters, LearningRate, momentum: Options.Momentum, weight_decay: Options.WeightDecay),
            _ => optim.AdamW(parameters, LearningRate, weight_decay: Options.WeightDecay),
        };
    }
}
