using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace DataScripts.Common;

/// <summary>Reads string columns of a feather (Arrow IPC file, v2; uncompressed, LZ4 or ZSTD) table, as pandas' to_feather writes.</summary>
internal static class FeatherTable
{
    /// <summary>Names of the table's columns.</summary>
    public static IReadOnlyList<string> ColumnNames(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream, new CompressionCodecFactory());
            return reader.Schema.FieldsList.Select(f => f.Name).ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new DataScriptException($"{Path.GetFileName(path)}: not a readable feather (Arrow IPC) file: {e.Message}");
        }
    }

    /// <summary>The named columns as strings (integers in invariant culture, whole doubles without ".0"), rows in file order.</summary>
    public static Dictionary<string, List<string>> ReadColumns(string path, params string[] wanted)
    {
        var name = Path.GetFileName(path);
        var result = wanted.ToDictionary(w => w, _ => new List<string>());
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream, new CompressionCodecFactory());
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                using (batch)
                {
                    foreach (var column in wanted)
                    {
                        var index = batch.Schema.GetFieldIndex(column);
                        if (index < 0)
                            throw new DataScriptException(
                                $"{name}: wrong columns — missing {column}; found {string.Join(", ", batch.Schema.FieldsList.Select(f => f.Name))}.");
                        var array = batch.Column(index);
                        for (var row = 0; row < array.Length; row++) result[column].Add(Value(array, row, name, column));
                    }
                }
            }
        }
        catch (DataScriptException) { throw; }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new DataScriptException($"{name}: not a readable feather (Arrow IPC) file: {e.Message}");
        }
        return result;
    }

    private static string Value(IArrowArray array, int row, string file, string column)
    {
        if (array.IsNull(row)) throw new DataScriptException($"{file}: column {column}, row {row + 1} is empty.");
        return array switch
        {
            StringArray s => s.GetString(row),
            Int64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            Int32Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            UInt64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            UInt32Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            DoubleArray a => a.GetValue(row)!.Value.ToString("R", CultureInfo.InvariantCulture),
            DictionaryArray d => Value(d.Dictionary, Index(d.Indices, row), file, column),
            _ => throw new DataScriptException($"{file}: column {column} has type {array.Data.DataType.Name}, which is not read."),
        };
    }

    private static int Index(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.GetValue(row)!.Value,
        Int16Array a => a.GetValue(row)!.Value,
        Int32Array a => a.GetValue(row)!.Value,
        Int64Array a => checked((int)a.GetValue(row)!.Value),
        _ => throw new DataScriptException($"Dictionary indices of type {indices.Data.DataType.Name} are not read."),
    };
}
