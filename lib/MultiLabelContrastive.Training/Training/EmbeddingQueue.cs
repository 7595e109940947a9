using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// A first-in-first-out memory of Q past (detached) embeddings and their labels, the MoCo-style queue of stage 1. Rows
/// fill positions 0, 1, … until the queue is full, then overwrite the oldest.
/// </summary>
internal sealed class EmbeddingQueue : ICheckpointPart, IDisposable
{
    private readonly Tensor embeddings;
    private readonly Tensor labels;
    private long pointer;

    public EmbeddingQueue(long capacity, long embeddingSize, long labelCount, Device device)
    {
        Capacity = capacity;
        embeddings = zeros(capacity, embeddingSize, device: device).DetachFromDisposeScope();
        labels = zeros(capacity, labelCount, device: device).DetachFromDisposeScope();
    }

    public long Capacity { get; }

    public long Count { get; private set; }

    /// <summary>The filled rows (views; valid until the next <see cref="Enqueue"/>).</summary>
    public (Tensor Embeddings, Tensor Labels) Filled() => (embeddings.narrow(0, 0, Count), labels.narrow(0, 0, Count));

    /// <summary>Appends rows (only the last Q when more are given).</summary>
    public void Enqueue(Tensor newEmbeddings, Tensor newLabels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var m = newEmbeddings.shape[0];
        var z = newEmbeddings.detach();
        var y = newLabels.to_type(labels.dtype);
        if (m > Capacity)
        {
            z = z.narrow(0, m - Capacity, Capacity);
            y = y.narrow(0, m - Capacity, Capacity);
            m = Capacity;
        }
        var index = (arange(m, ScalarType.Int64, embeddings.device) + pointer).remainder(Capacity);
        embeddings.index_copy_(0, index, z.to_type(embeddings.dtype));
        labels.index_copy_(0, index, y);
        pointer = (pointer + m) % Capacity;
        Count = Math.Min(Capacity, Count + m);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(pointer);
        embeddings.Save(writer);
        labels.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        Count = reader.ReadInt64();
        pointer = reader.ReadInt64();
        embeddings.Load(reader);
        labels.Load(reader);
    }

    public void Dispose()
    {
        embeddings.Dispose();
        labels.Dispose();
    }
}
