using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>Encoder outputs for a whole split, computed in evaluation mode under no_grad (for probes, plots, retrieval).</summary>
public static class Embeddings
{
    /// <summary>The encoder's representations of every row of a split.</summary>
    /// <param name="encoder">The encoder (its parameters' device is used; it is left in evaluation mode).</param>
    /// <param name="split">The split; its input kind must be the encoder's.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1.</param>
    /// <returns>n × H float32 on the CPU (a new tensor owned by the caller).</returns>
    /// <exception cref="ArgumentException">The split's input kind is not the encoder's.</exception>
    public static Tensor Extract(Encoder encoder, DatasetSplit split, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (split.Kind != encoder.Input)
            throw new ArgumentException($"Split '{split.Name}' holds {split.Kind} inputs but the encoder reads {encoder.Input}.", nameof(split));
        var onDevice = Map(encoder.call, split, batchSize, DeviceOf(encoder), encoder, ScalarType.Float32, encoder.OutputSize);
        if (onDevice.device_type == DeviceType.CPU) return onDevice;
        using (onDevice) return onDevice.cpu();
    }

    /// <summary>Applies a function to a split's rows batch by batch on a device, in evaluation mode under no_grad (each
    /// batch read through <see cref="DatasetSplit.Rows(long, long, Device?)"/>, so only a batch is ever float32).</summary>
    /// <returns>The outputs stacked on the device (n × width; n × width empty when n = 0).</returns>
    internal static Tensor Map(Func<Tensor, Tensor> function, DatasetSplit split, int batchSize, Device device, nn.Module module, ScalarType dtype, long width)
    {
        module.eval();
        using var noGrad = no_grad();
        var n = split.Count;
        if (n == 0) return empty(0, width, dtype, device);
        var parts = new List<Tensor>();
        try
        {
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = split.Rows(start, Math.Min(batchSize, n - start), device);
                parts.Add(function(batch).to_type(dtype).MoveToOuterDisposeScope());
            }
            return cat(parts, 0);
        }
        finally
        {
            foreach (var part in parts) part.Dispose();
        }
    }

    internal static Device DeviceOf(nn.Module module)
    {
        var parameter = module.parameters().FirstOrDefault();
        return parameter?.device ?? CPU;
    }
}
