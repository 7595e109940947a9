using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// The checkpoints of one stage: folder <c>{root}/{stage}/epoch-NNNN/</c> with the modules (TorchSharp module format),
/// the best weights, the optimizer state, the random generators, extra parts and <c>state.json</c>; the file
/// <c>latest</c> names the newest complete folder and is replaced atomically after the folder is written, so an
/// interruption while saving leaves the previous checkpoint in force.
/// </summary>
internal sealed class CheckpointStore
{
    private const string LatestFile = "latest";
    private const string StateFile = "state.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string folder;

    public CheckpointStore(string root, TrainingStage stage) => folder = Path.Combine(root, RunLog.Name(stage));

    public string Folder => folder;

    /// <summary>The newest complete checkpoint's state, or null when there is none.</summary>
    public CheckpointState? ReadLatestState()
    {
        var latest = LatestFolder();
        if (latest is null) return null;
        return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(Path.Combine(latest, StateFile)), Json)
               ?? throw new InvalidDataException($"Checkpoint state in '{latest}' is empty.");
    }

    public void Save(CheckpointState state, IReadOnlyList<(string Name, nn.Module Module)> modules, WeightSnapshot? best,
        OptimizerHelper? optimizer, Generator generator, ICheckpointPart? extra)
    {
        Directory.CreateDirectory(folder);
        var name = $"epoch-{state.Epoch:D4}{(state.Finished ? "-final" : "")}";
        var target = Path.Combine(folder, name);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        foreach (var (moduleName, module) in modules) module.save(Path.Combine(target, moduleName + ".bin"));
        if (best is not null) Write(Path.Combine(target, "best.bin"), best.Save);
        if (optimizer is not null) optimizer.save_state_dict(Path.Combine(target, "optimizer.bin"));
        Write(Path.Combine(target, "random.bin"), writer =>
        {
            using var local = generator.get_state();
            local.Save(writer);
            using var global = random.get_rng_state();
            global.Save(writer);
        });
        if (extra is not null) Write(Path.Combine(target, "extra.bin"), extra.Save);
        File.WriteAllText(Path.Combine(target, StateFile), JsonSerializer.Serialize(state, Json));

        var temporary = Path.Combine(folder, LatestFile + ".tmp");
        File.WriteAllText(temporary, name);
        File.Move(temporary, Path.Combine(folder, LatestFile), overwrite: true);
        foreach (var old in Directory.GetDirectories(folder, "epoch-*"))
            if (!string.Equals(Path.GetFileName(old), name, StringComparison.Ordinal)) Directory.Delete(old, recursive: true);
    }

    /// <summary>Loads the newest checkpoint into the modules, optimizer, generators and extra parts.</summary>
    /// <returns>The best-weights snapshot stored with it, if any.</returns>
    public WeightSnapshot? Load(IReadOnlyList<(string Name, nn.Module Module)> modules, OptimizerHelper? optimizer, Generator generator,
        ICheckpointPart? extra)
    {
        var latest = LatestFolder() ?? throw new InvalidOperationException($"No checkpoint in '{folder}'.");
        foreach (var (moduleName, module) in modules) module.load(Path.Combine(latest, moduleName + ".bin"));
        WeightSnapshot? best = null;
        var bestPath = Path.Combine(latest, "best.bin");
        if (File.Exists(bestPath))
        {
            using var reader = new BinaryReader(File.OpenRead(bestPath));
            best = WeightSnapshot.Load(reader, modules);
        }
        var optimizerPath = Path.Combine(latest, "optimizer.bin");
        if (optimizer is not null && File.Exists(optimizerPath)) optimizer.load_state_dict(optimizerPath);
        using (var reader = new BinaryReader(File.OpenRead(Path.Combine(latest, "random.bin"))))
        {
            using var local = TensorExtensionMethods.Load(reader);
            generator.set_state(local);
            using var global = TensorExtensionMethods.Load(reader);
            random.set_rng_state(global);
        }
        var extraPath = Path.Combine(latest, "extra.bin");
        if (extra is not null && File.Exists(extraPath))
        {
            using var reader = new BinaryReader(File.OpenRead(extraPath));
            extra.Load(reader);
        }
        return best;
    }

    private string? LatestFolder()
    {
        var pointer = Path.Combine(folder, LatestFile);
        if (!File.Exists(pointer)) return null;
        var path = Path.Combine(folder, File.ReadAllText(pointer).Trim());
        return Directory.Exists(path) ? path : throw new InvalidDataException($"Checkpoint pointer '{pointer}' names a missing folder '{path}'.");
    }

    private static void Write(string path, Action<BinaryWriter> write)
    {
        using var writer = new BinaryWriter(File.Create(path));
        write(writer);
    }
}
