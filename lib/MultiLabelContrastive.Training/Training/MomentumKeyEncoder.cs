using System.Globalization;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// MoCo's momentum (key) encoder of stage 1: a key encoder and key projection head that start as copies of the trained
/// (query) encoder and head, never receive a gradient, and follow them after every optimizer step as an exponential
/// moving average of the parameters, θk ← m θk + (1 − m) θq (MoCo, MulSupCon). Buffers (batch-norm statistics) are
/// copied once and then kept by the key encoder's own forward passes.
/// </summary>
internal sealed class MomentumKeyEncoder : ICheckpointPart, IDisposable
{
    private readonly (Parameter Key, Parameter Query)[] pairs;

    /// <summary>Makes <paramref name="keyEncoder"/> (a fresh encoder of the query's architecture, now owned by this
    /// object) and a new key head copies of the query encoder and head, on the query's device.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The momentum is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">The key encoder's parameters or buffers do not match the query's by name and shape.</exception>
    public MomentumKeyEncoder(Encoder queryEncoder, ProjectionHead queryHead, Encoder keyEncoder, double momentum)
    {
        if (momentum is not (>= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{nameof(TrainingOptions.KeyEncoderMomentum)} must lie in [0, 1).");
        if (ReferenceEquals(queryEncoder, keyEncoder))
            throw new ArgumentException("The key encoder must be a second encoder, not the query encoder itself.", nameof(keyEncoder));
        Momentum = momentum;
        KeyEncoder = keyEncoder;
        KeyHead = new ProjectionHead(queryHead.InputSize, queryHead.OutputSize, queryHead.HiddenSize);
        try
        {
            var device = queryHead.parameters().First().device;
            KeyEncoder.to(device);
            KeyHead.to(device);
            pairs = [.. CopyFrom(queryEncoder, KeyEncoder, "key encoder"), .. CopyFrom(queryHead, KeyHead, "key projection head")];
            foreach (var (key, _) in pairs) key.requires_grad = false;
        }
        catch
        {
            KeyHead.Dispose();
            throw;
        }
    }

    /// <summary>The momentum m.</summary>
    public double Momentum { get; }

    /// <summary>The key encoder.</summary>
    public Encoder KeyEncoder { get; }

    /// <summary>The key projection head.</summary>
    public ProjectionHead KeyHead { get; }

    /// <summary>Training (true) or evaluation (false) mode, as the query encoder (dropout and batch norm act alike).</summary>
    public void Train(bool training)
    {
        KeyEncoder.train(training);
        KeyHead.train(training);
    }

    /// <summary>The key embeddings of a batch of inputs, off the autograd graph (in the caller's dispose scope).</summary>
    public Tensor Embed(Tensor inputs)
    {
        using var noGrad = no_grad();
        return KeyHead.call(KeyEncoder.call(inputs));
    }

    /// <summary>One moving-average step θk ← m θk + (1 − m) θq of every key parameter (after an optimizer step).</summary>
    public void Update()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (key, query) in pairs) key.mul_(Momentum).add_(query, alpha: 1 - Momentum);
    }

    public void Save(BinaryWriter writer)
    {
        KeyEncoder.save(writer);
        KeyHead.save(writer);
    }

    public void Load(BinaryReader reader)
    {
        KeyEncoder.load(reader);
        KeyHead.load(reader);
    }

    public void Dispose()
    {
        KeyEncoder.Dispose();
        KeyHead.Dispose();
    }

    /// <summary>Copies the query's parameters and buffers into the key module; returns the (key, query) parameter pairs.</summary>
    private static List<(Parameter Key, Parameter Query)> CopyFrom(nn.Module query, nn.Module key, string what)
    {
        var queryParameters = query.named_parameters().ToList();
        var keyParameters = key.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var queryBuffers = query.named_buffers().ToList();
        var keyBuffers = key.named_buffers().ToDictionary(b => b.Item1, b => b.Item2);
        if (queryParameters.Count != keyParameters.Count || queryBuffers.Count != keyBuffers.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The {what} has {keyParameters.Count} parameters and {keyBuffers.Count} buffers but the query has {queryParameters.Count} and {queryBuffers.Count}: it must be the same architecture."), nameof(key));
        var result = new List<(Parameter, Parameter)>(queryParameters.Count);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in queryParameters)
        {
            var target = keyParameters.GetValueOrDefault(name) ?? throw Mismatch(what, name, "is missing");
            if (!target.shape.SequenceEqual(parameter.shape)) throw Mismatch(what, name, $"has shape [{string.Join(", ", target.shape)}], the query's [{string.Join(", ", parameter.shape)}]");
            target.copy_(parameter);
            result.Add((target, parameter));
        }
        foreach (var (name, buffer) in queryBuffers)
        {
            var target = keyBuffers.GetValueOrDefault(name) ?? throw Mismatch(what, name, "is missing");
            if (!target.shape.SequenceEqual(buffer.shape)) throw Mismatch(what, name, $"has shape [{string.Join(", ", target.shape)}], the query's [{string.Join(", ", buffer.shape)}]");
            target.copy_(buffer);
        }
        return result;
    }

    private static ArgumentException Mismatch(string what, string name, string problem) =>
        new($"Parameter or buffer '{name}' of the {what} {problem}: the key encoder must be the query's architecture.", "key");
}
