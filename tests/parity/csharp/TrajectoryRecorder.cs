using System.Globalization;
using System.Text.Json;
using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Parity;

/// <summary>
/// Runs our stage 1 exactly as <see cref="Experiment.Run(MultiLabelDataset, EncoderSpec, ContrastiveLoss, TrainingOptions?, IProgress{TrainingProgress}?, CancellationToken)"/>
/// does (same seeding, same encoder and head, <see cref="ContrastivePretrainer"/>) and records everything a second
/// implementation needs to replay the same steps: the initial weights, each step's rows, the two views the encoder
/// read, the dropout masks it drew, and the trajectory (loss per step, parameter norms after each step, final weights).
/// Nothing of the training path is replaced: the views come from our augmentation (observed, not redrawn) and the
/// masks from our dropout modules (observed through forward hooks).
/// </summary>
internal static class TrajectoryRecorder
{
    /// <summary>The options of the parity run: the MulSupCon yeast recipe with a constant learning rate, no clipping.</summary>
    public static TrainingOptions Options(int seed, int epochs) => TrainingOptions.MulSupConYeastReference with
    {
        Seed = seed,
        Device = "cpu",
        Threads = 1,
        PretrainEpochs = epochs,
    };

    public static string Record(MultiLabelDataset data, LossKind kind, double tau, int seed, int epochs, string folder)
    {
        Directory.CreateDirectory(folder);
        var options = Options(seed, epochs);
        // As Experiment.Run: seed torch's global generator, build the encoder, then the head.
        random.manual_seed(seed).Dispose();
        using var encoder = EncoderSpec.MulSupConMlp().Create(data);
        using var head = new ProjectionHead(encoder.OutputSize, options.ProjectionSize, options.ProjectionHiddenSize);
        var parameters = encoder.named_parameters().Select(p => ("encoder." + p.name, p.parameter))
            .Concat(head.named_parameters().Select(p => ("head." + p.name, p.parameter))).ToList();
        WriteWeights(Path.Combine(folder, "initial"), parameters);

        var rows = RowIndex.Of(data.Train.Inputs);
        var augmentation = new ObservedAugmentation((ViewAugmentation)options.Augmentation!);
        var dropoutMasks = new List<List<byte[]>>();
        var dropouts = encoder.modules().OfType<Dropout>().ToList();
        var dropoutWidths = new long[dropouts.Count];
        var handles = new List<Action>();
        for (var d = 0; d < dropouts.Count; d++)
        {
            var layer = d;
            var remover = dropouts[d].register_forward_hook((module, input, result) =>
            {
                if (!module.training) return result;
                // Kept entries are the nonzero outputs; where the input is 0 the mask cannot matter (it follows a ReLU,
                // whose gradient there is 0).
                using var kept = result.ne(0).to_type(ScalarType.Byte);
                if (layer == 0) dropoutMasks.Add([]);
                dropoutMasks[^1].Add(kept.data<byte>().ToArray());
                dropoutWidths[layer] = result.shape[1];
                return result;
            });
            handles.Add(remover.remove);
        }

        var losses = new List<float>();
        var norms = new List<double[]>();
        var progress = new SynchronousProgress(report =>
        {
            if (report.EpochFinished) return;
            losses.Add((float)report.Loss);
            using var scope = NewDisposeScope();
            norms.Add(parameters.Select(p => p.Item2.detach().to_type(ScalarType.Float64).norm().item<double>()).ToArray());
        });

        var trainer = new ContrastivePretrainer(ContrastiveLoss.Create(kind, tau), options with { Augmentation = augmentation }, progress);
        var result = trainer.Fit(encoder, head, data);
        foreach (var remove in handles) remove();
        WriteWeights(Path.Combine(folder, "final"), parameters);

        var steps = losses.Count;
        if (augmentation.Batches.Count != steps || dropoutMasks.Count != steps)
            throw new InvalidOperationException($"{kind}: {steps} steps but {augmentation.Batches.Count} view pairs and {dropoutMasks.Count} dropout mask sets.");
        using (var file = new BinaryWriter(File.Create(Path.Combine(folder, "rows.i64"))))
            foreach (var batch in augmentation.Batches)
                foreach (var row in rows.Find(batch.Inputs)) file.Write(row);
        using (var file = new BinaryWriter(File.Create(Path.Combine(folder, "views.f32"))))
            foreach (var batch in augmentation.Batches)
                foreach (var value in batch.Views) file.Write(value);
        for (var d = 0; d < dropouts.Count; d++)
        {
            using var file = File.Create(Path.Combine(folder, $"dropout{d}.u8"));
            foreach (var step in dropoutMasks) file.Write(step[d]);
        }
        File.WriteAllText(Path.Combine(folder, "trajectory.json"), JsonSerializer.Serialize(new
        {
            loss = kind.ToString(),
            tau,
            steps,
            batch = augmentation.Batches[0].Rows,
            dropout_widths = dropoutWidths,
            parameters = parameters.Select(p => p.Item1).ToArray(),
            step_loss = losses,
            parameter_norms = norms,
            validation = result.Epochs.Select(e => e.Validation).ToArray(),
        }));
        return string.Create(CultureInfo.InvariantCulture,
            $"{kind,-28} {steps} steps, loss {losses[0]:0.000000} → {losses[^1]:0.000000}, written to {folder}");
    }

    private static void WriteWeights(string folder, IReadOnlyList<(string Name, Parameter Parameter)> parameters)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, parameter) in parameters) ParityFiles.WriteFloats(Path.Combine(folder, name + ".f32"), parameter);
        File.WriteAllText(Path.Combine(folder, "shapes.json"),
            JsonSerializer.Serialize(parameters.ToDictionary(p => p.Name, p => p.Parameter.shape)));
    }

    /// <summary>Our augmentation, unchanged, with every batch it saw and the two views it made recorded.</summary>
    private sealed class ObservedAugmentation(ViewAugmentation inner) : ViewAugmentation
    {
        private float[]? first;
        private float[]? firstInputs;

        public List<(float[] Inputs, float[] Views, long Rows)> Batches { get; } = [];

        public override Tensor Apply(Tensor inputs, Generator generator)
        {
            var view = inner.Apply(inputs, generator);
            var values = view.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
            if (first is null)
            {
                first = values;
                firstInputs = inputs.cpu().data<float>().ToArray();
            }
            else
            {
                Batches.Add((firstInputs!, [.. first, .. values], inputs.shape[0]));
                first = null;
            }
            return view;
        }

        public override string ToString() => inner.ToString()!;
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    /// <summary>Finds the training row of each batch row by its exact feature values.</summary>
    private sealed class RowIndex
    {
        private readonly Dictionary<string, long> index = new(StringComparer.Ordinal);
        private readonly HashSet<string> duplicated = new(StringComparer.Ordinal);
        private readonly int width;

        private RowIndex(float[] values, int width)
        {
            this.width = width;
            for (long r = 0; r < values.Length / width; r++)
                if (!index.TryAdd(Key(values, r), r)) duplicated.Add(Key(values, r));
        }

        public static RowIndex Of(Tensor inputs) => new(inputs.data<float>().ToArray(), (int)inputs.shape[1]);

        public IEnumerable<long> Find(float[] batch)
        {
            for (long r = 0; r < batch.Length / width; r++)
            {
                var key = Key(batch, r);
                if (duplicated.Contains(key)) throw new InvalidOperationException($"Batch row {r} has the features of several training rows.");
                yield return index.TryGetValue(key, out var row) ? row : throw new InvalidOperationException($"Batch row {r} is not a training row.");
            }
        }

        private string Key(float[] values, long row) =>
            Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan((int)(row * width), width)));
    }
}

/// <summary>The harness's exchange format: raw little-endian float32 arrays, row-major (numpy.fromfile reads them).</summary>
internal static class ParityFiles
{
    public static void WriteFloats(string path, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.detach().to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        using var file = new BinaryWriter(File.Create(path));
        foreach (var value in values) file.Write(value);
    }
}
