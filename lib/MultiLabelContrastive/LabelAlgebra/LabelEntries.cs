using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LabelAlgebra;

/// <summary>
/// The (row, label) positions of the 1-entries of a multi-hot matrix, found in one pass that also checks every
/// nonzero entry is 1. CPU tensors are scanned in place (vectorised search for the next nonzero bit pattern, rows
/// in parallel; the measured gain over <c>nonzero()</c> is in the loss benchmark's README). Other devices and dtypes
/// use <c>nonzero()</c>.
/// </summary>
internal static class LabelEntries
{
    /// <summary>Rows and labels (int64, row-major order) of the nonzero entries.</summary>
    /// <param name="labels">M×C labels.</param>
    /// <param name="paramName">When given, a nonzero entry other than 1 is an <see cref="ArgumentException"/>
    /// naming this argument and the entry's row and column.</param>
    public static (Tensor Rows, Tensor Labels) Find(Tensor labels, string? paramName)
    {
        if (labels.device_type == DeviceType.CPU && labels.is_contiguous() && labels.NumberOfElements * labels.ElementSize <= int.MaxValue)
        {
            var found = labels.dtype switch
            {
                ScalarType.Float32 => Scan(labels, BitConverter.SingleToInt32Bits(1f), BitConverter.SingleToInt32Bits(-0f)),
                ScalarType.Float64 => Scan(labels, BitConverter.DoubleToInt64Bits(1d), BitConverter.DoubleToInt64Bits(-0d)),
                ScalarType.Int32 => Scan(labels, 1, 0),
                ScalarType.Int64 => Scan(labels, 1L, 0L),
                ScalarType.Bool or ScalarType.Byte => Scan(labels, (byte)1, (byte)0),
                _ => ((long[], long[], long, long)?)null,
            };
            if (found is var (rows, columns, badRow, badColumn))
            {
                if (badRow >= 0 && paramName is not null) throw NotBinary(labels, badRow, badColumn, paramName);
                return (tensor(rows, device: labels.device), tensor(columns, device: labels.device));
            }
        }
        var entries = labels.nonzero();
        var entryRows = entries[.., 0];
        var entryLabels = entries[.., 1];
        if (paramName is not null && labels.dtype != ScalarType.Bool)
        {
            using var scope = NewDisposeScope(); // the check's tensors end here, also when it throws
            var notOne = labels.index([entryRows, entryLabels]).ne(1);
            if (notOne.any().item<bool>())
            {
                long first = notOne.nonzero()[0, 0].item<long>();
                throw NotBinary(labels, entryRows[first].item<long>(), entryLabels[first].item<long>(), paramName);
            }
        }
        return (entryRows, entryLabels);
    }

    private static ArgumentException NotBinary(Tensor labels, long row, long column, string paramName)
    {
        using var scope = NewDisposeScope(); // the caller may have no scope of its own
        var value = labels[row, column].to(float64).item<double>();
        return new ArgumentException($"Labels must be 0 or 1; found {value} at row {row}, column {column}.", paramName);
    }

    /// <summary>
    /// Scans the raw element bits: an entry is nonzero unless its bits are 0 or <paramref name="negativeZero"/>,
    /// and valid only if its bits equal <paramref name="one"/>. Returns the entries and the first bad (row, column),
    /// or (−1, −1).
    /// </summary>
    private static (long[] Rows, long[] Columns, long BadRow, long BadColumn) Scan<T>(Tensor labels, T one, T negativeZero)
        where T : unmanaged, IBinaryInteger<T>
    {
        int m = (int)labels.shape[0], c = (int)labels.shape[1];
        var found = RowChunks.Map(m, (start, end) =>
        {
            var all = MemoryMarshal.Cast<byte, T>(labels.bytes);
            var (rows, columns, badRow, badColumn) = (new List<long>(), new List<long>(), -1L, -1L);
            for (int i = start; i < end; i++)
            {
                var row = all.Slice(i * c, c);
                for (int offset = 0; offset < c;)
                {
                    int k = row[offset..].IndexOfAnyExcept(T.Zero);
                    if (k < 0) break;
                    int column = offset + k;
                    offset = column + 1;
                    T bits = row[column];
                    if (bits == negativeZero) continue;
                    if (bits != one && badRow < 0) (badRow, badColumn) = (i, column);
                    rows.Add(i);
                    columns.Add(column);
                }
            }
            return (Rows: rows, Columns: columns, BadRow: badRow, BadColumn: badColumn);
        });
        int total = found.Sum(f => f.Rows.Count);
        var (allRows, allColumns) = (new long[total], new long[total]);
        int at = 0;
        foreach (var (rows, columns, _, _) in found)
        {
            rows.CopyTo(allRows, at);
            columns.CopyTo(allColumns, at);
            at += rows.Count;
        }
        var bad = found.FirstOrDefault(f => f.BadRow >= 0, (null!, null!, -1, -1));
        return (allRows, allColumns, bad.BadRow, bad.BadColumn);
    }
}
