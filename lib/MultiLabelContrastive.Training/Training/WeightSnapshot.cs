using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>A detached copy of the parameters and buffers of named modules (the best epoch's weights).</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly List<Dictionary<string, Tensor>> states;

    private WeightSnapshot(List<Dictionary<string, Tensor>> states) => this.states = states;

    public static WeightSnapshot Capture(IReadOnlyList<(string Name, nn.Module Module)> modules)
    {
        using var noGrad = no_grad();
        var states = modules.Select(m => m.Module.state_dict().ToDictionary(
            kv => kv.Key,
            kv => kv.Value.clone().DetachFromDisposeScope())).ToList();
        return new WeightSnapshot(states);
    }

    public void Restore(IReadOnlyList<(string Name, nn.Module Module)> modules)
    {
        for (var i = 0; i < modules.Count; i++) modules[i].Module.load_state_dict(states[i]);
    }

    /// <summary>Writes each module's state in TorchSharp's module format, one after the other.</summary>
    public void Save(BinaryWriter writer)
    {
        foreach (var state in states) nn.Module.save_state_dict(writer, state);
    }

    /// <summary>Reads what <see cref="Save"/> wrote, using the modules as templates; the modules keep their weights.</summary>
    public static WeightSnapshot Load(BinaryReader reader, IReadOnlyList<(string Name, nn.Module Module)> modules)
    {
        using var current = Capture(modules);
        foreach (var (_, module) in modules) module.load(reader);
        var loaded = Capture(modules);
        current.Restore(modules);
        return loaded;
    }

    public void Dispose()
    {
        foreach (var state in states)
            foreach (var tensor in state.Values)
                tensor.Dispose();
        states.Clear();
    }
}
