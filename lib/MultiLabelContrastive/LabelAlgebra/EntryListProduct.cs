using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LabelAlgebra;

/// <summary>
/// P = A·Bᵀ on the CPU straight from the entry lists of two wide, sparse 0/1 label matrices, optionally with a
/// weight per label (w_l) and per row of A (r_i): P_ij = Σ_{l ∈ S_i ∩ T_j} r_i · w_l.
/// </summary>
/// <remarks>
/// <para>Row i of P is the sum, over the labels l of anchor i, of the indicator row of "which B rows carry l". B is
/// turned into that form once (its entries grouped by label, a counting sort); then every anchor row is
/// accumulated independently (rows in parallel, each output row stays in cache):</para>
/// <list type="bullet">
/// <item>a label carried by few B rows adds r_i · w_l at each of those rows' positions;</item>
/// <item>a label carried by many B rows (≥ Mr/8, the head of a long-tailed label distribution) adds a dense
/// indicator row with vector instructions — a short scatter loop would cost more than one pass over Mr.</item>
/// </list>
/// <para>Work is O(Σ_l n_l^A · min(n_l^B, Mr/8)) plus one pass over B's head labels; memory is the M×M output plus
/// at most 8·nnz(B) dense indicator entries. Other devices use libtorch's sparse × dense product
/// (<see cref="LabelMatrix.TimesTransposed"/>); the measured gain is in the loss benchmark's README.</para>
/// </remarks>
internal static class EntryListProduct
{
    /// <summary>A label is "dense" when at least this fraction of the B rows carry it.</summary>
    private const int DenseRowFraction = 8;

    /// <summary>P_ij = Σ_{l ∈ S_i ∩ T_j} r_i · w_l (Ma×Mr, <paramref name="dtype"/> float32 or float64, CPU); null weights are 1.</summary>
    public static Tensor Compute(LabelMatrix a, LabelMatrix b, ScalarType dtype, Tensor? labelWeights, Tensor? rowWeights) =>
        dtype == ScalarType.Float64
            ? Compute<double>(a, b, dtype, labelWeights, rowWeights)
            : Compute<float>(a, b, dtype, labelWeights, rowWeights);

    /// <summary>Whether the product can run here: CPU tensors, a float32/float64 result addressable as one span.</summary>
    public static bool Supports(LabelMatrix a, LabelMatrix b, ScalarType dtype) =>
        a.EntryRows.device_type == DeviceType.CPU && b.EntryRows.device_type == DeviceType.CPU
        && dtype is ScalarType.Float32 or ScalarType.Float64
        && a.Rows * b.Rows * (dtype == ScalarType.Float64 ? 8 : 4) <= int.MaxValue;

    private static Tensor Compute<T>(LabelMatrix a, LabelMatrix b, ScalarType dtype, Tensor? labelWeights, Tensor? rowWeights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ma = checked((int)a.Rows), mr = checked((int)b.Rows), c = checked((int)a.Labels);
        var (aStart, aLabels) = GroupBy(a.EntryRows, a.EntryLabels, ma);   // anchor i's labels
        var (bStart, bRows) = GroupBy(b.EntryLabels, b.EntryRows, c);      // the B rows carrying label l
        var w = Values<T>(labelWeights);
        var r = Values<T>(rowWeights);

        int denseMin = Math.Max(1, mr / DenseRowFraction);
        var denseIndex = new int[c];
        int denseCount = 0;
        for (int l = 0; l < c; l++) denseIndex[l] = bStart[l + 1] - bStart[l] >= denseMin ? denseCount++ : -1;
        var dense = new T[(long)denseCount * mr];
        for (int l = 0; l < c; l++)
            if (denseIndex[l] >= 0)
                for (int k = bStart[l]; k < bStart[l + 1]; k++) dense[(long)denseIndex[l] * mr + bRows[k]] = T.One;

        var result = zeros(ma, mr, dtype);
        RowChunks.For(ma, (start, end) =>
        {
            var all = MemoryMarshal.Cast<byte, T>(result.bytes);
            for (int i = start; i < end; i++)
            {
                var row = all.Slice(i * mr, mr);
                T rowWeight = r is null ? T.One : r[i];
                for (int e = aStart[i]; e < aStart[i + 1]; e++)
                {
                    int l = aLabels[e];
                    T value = w is null ? rowWeight : rowWeight * w[l];
                    if (denseIndex[l] >= 0) AddScaled(row, dense.AsSpan((int)((long)denseIndex[l] * mr), mr), value);
                    else
                        for (int k = bStart[l]; k < bStart[l + 1]; k++) row[bRows[k]] += value;
                }
            }
        });
        return result;
    }

    /// <summary>Counting sort of the entries by <paramref name="keys"/>: start offsets per key and the other coordinate.</summary>
    private static (int[] Start, int[] Values) GroupBy(Tensor keys, Tensor values, int keyCount)
    {
        using var keyTensor = keys.contiguous();
        using var valueTensor = values.contiguous();
        var key = MemoryMarshal.Cast<byte, long>(keyTensor.bytes);
        var value = MemoryMarshal.Cast<byte, long>(valueTensor.bytes);
        var start = new int[keyCount + 1];
        foreach (var k in key) start[k + 1]++;
        for (int k = 0; k < keyCount; k++) start[k + 1] += start[k];
        var next = start[..^1];
        var grouped = new int[key.Length];
        for (int e = 0; e < key.Length; e++) grouped[next[key[e]]++] = (int)value[e];
        return (start, grouped);
    }

    private static T[]? Values<T>(Tensor? vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (vector is null) return null;
        using var converted = vector.to_type(typeof(T) == typeof(double) ? ScalarType.Float64 : ScalarType.Float32).contiguous();
        return MemoryMarshal.Cast<byte, T>(converted.bytes).ToArray();
    }

    /// <summary>row += value · add, vectorised.</summary>
    private static void AddScaled<T>(Span<T> row, ReadOnlySpan<T> add, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rowVectors = MemoryMarshal.Cast<T, Vector<T>>(row);
        var addVectors = MemoryMarshal.Cast<T, Vector<T>>(add);
        var scale = new Vector<T>(value);
        for (int k = 0; k < rowVectors.Length; k++) rowVectors[k] += addVectors[k] * scale;
        for (int k = rowVectors.Length * Vector<T>.Count; k < row.Length; k++) row[k] += add[k] * value;
    }
}
