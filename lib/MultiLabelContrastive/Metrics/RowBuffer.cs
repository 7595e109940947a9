using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>Growing row-major storage of score and truth rows (capacity doubles, like List&lt;T&gt;).</summary>
internal sealed class RowBuffer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[,] scores;
    private int[,] truth;

    public RowBuffer(int labels)
    {
        scores = new T[0, labels];
        truth = new int[0, labels];
    }

    public int Rows { get; private set; }

    public T[,] Scores => scores;

    public int[,] Truth => truth;

    public void Append(T[,] batchScores, int[,] batchTruth)
    {
        int labels = scores.GetLength(1), add = batchScores.GetLength(0);
        if (Rows + add > scores.GetLength(0))
        {
            int capacity = Math.Max(Rows + add, Math.Max(16, 2 * scores.GetLength(0)));
            var grownScores = new T[capacity, labels];
            var grownTruth = new int[capacity, labels];
            if (Rows > 0)
            {
                Flat(scores, 0, Rows * labels).CopyTo(Flat(grownScores, 0, Rows * labels));
                Flat(truth, 0, Rows * labels).CopyTo(Flat(grownTruth, 0, Rows * labels));
            }
            scores = grownScores;
            truth = grownTruth;
        }
        Flat(batchScores, 0, batchScores.Length).CopyTo(Flat(scores, Rows * labels, batchScores.Length));
        Flat(batchTruth, 0, batchTruth.Length).CopyTo(Flat(truth, Rows * labels, batchTruth.Length));
        Rows += add;
    }

    private static Span<TElement> Flat<TElement>(TElement[,] a, int start, int length) =>
        a.Length == 0 ? Span<TElement>.Empty.Slice(start, length) : MemoryMarshal.CreateSpan(ref a[0, 0], a.Length).Slice(start, length);
}
