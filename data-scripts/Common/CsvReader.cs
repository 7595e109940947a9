using System.Text;

namespace DataScripts.Common;

/// <summary>
/// A streaming RFC 4180 CSV reader (quoted fields with "" escapes and embedded line breaks, as in MIMIC's NOTEEVENTS)
/// that maps required columns by header name and reports file and line of every problem.
/// </summary>
internal sealed class CsvReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly StringBuilder _field = new();
    private int _line = 1;

    private CsvReader(string path, TextReader reader, IReadOnlyList<string> header)
    {
        Path = path;
        _reader = reader;
        Header = header;
        _columns = header.Select((name, i) => (name.Trim(), i))
            .GroupBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
    }

    public string Path { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    public IReadOnlyList<string> Header { get; }

    /// <summary>Line number (1-based) where the current record starts.</summary>
    public int RecordLine { get; private set; }

    public int RecordsRead { get; private set; }

    /// <summary>Opens a file and reads its header; fails if it is empty or lacks a required column.</summary>
    public static CsvReader Open(string path, params string[] requiredColumns)
    {
        var reader = RawFiles.OpenText(path);
        var csv = new CsvReader(path, reader, []);
        var header = csv.ReadRecordRaw();
        if (header is null || header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            reader.Dispose();
            throw new DataScriptException($"{System.IO.Path.GetFileName(path)}: the file is empty (no header line) — '{path}'.");
        }
        var result = new CsvReader(path, reader, header) { _line = csv._line };
        var missing = requiredColumns.Where(c => !result._columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            reader.Dispose();
            throw new DataScriptException(
                $"{result.FileName}, line 1: wrong columns — missing {string.Join(", ", missing)}; found {string.Join(", ", header)} ('{path}').");
        }
        return result;
    }

    /// <summary>Column index by name (case-insensitive), or −1.</summary>
    public int Column(string name) => _columns.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The next record, or null at the end; fails on a record with fewer fields than the header.</summary>
    public IReadOnlyList<string>? Next()
    {
        var record = ReadRecordRaw();
        if (record is null) return null;
        if (record.Count == 1 && record[0].Length == 0) return Next(); // blank line
        if (record.Count < Header.Count)
            throw new DataScriptException($"{FileName}, line {RecordLine}: {record.Count} fields but the header has {Header.Count} ({Path}).");
        RecordsRead++;
        return record;
    }

    /// <summary>"file, line N" of the current record, for messages.</summary>
    public string Where => $"{FileName}, line {RecordLine}";

    public void Dispose() => _reader.Dispose();

    private List<string>? ReadRecordRaw()
    {
        var c = _reader.Read();
        if (c < 0) return null;
        RecordLine = _line;
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;
        var atFieldStart = true;
        while (true)
        {
            if (c < 0)
            {
                if (quoted) throw new DataScriptException($"{FileName}, line {RecordLine}: a quoted field is not closed before the end of the file ({Path}).");
                fields.Add(_field.ToString());
                return fields;
            }
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (_reader.Peek() == '"') { _reader.Read(); _field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') _line++;
                    _field.Append(ch);
                }
            }
            else if (ch == '"' && atFieldStart)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                atFieldStart = true;
                c = _reader.Read();
                continue;
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && _reader.Peek() == '\n') _reader.Read();
                _line++;
                fields.Add(_field.ToString());
                return fields;
            }
            else
            {
                _field.Append(ch);
            }
            atFieldStart = false;
            c = _reader.Read();
        }
    }
}
