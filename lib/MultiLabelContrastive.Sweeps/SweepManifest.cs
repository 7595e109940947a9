using System.Text;
using System.Text.Json;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Parameters;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// A sweep's manifest: JSON lines, one parameter set per line,
/// <c>{"index":i,"id":"…","notebook":"…","parameters":{"Name":"value",…}}</c>. Deterministic: the grid's product in the
/// order the axes were given (the first axis varies slowest, values in the order listed), parameter names in ordinal
/// order, '\n' line ends, UTF-8 without BOM, no time stamps — planning the same sweep twice gives the same bytes.
/// </summary>
public sealed class SweepManifest
{
    /// <summary>The notebook parameter through which a sweep task tells the notebook where to write its metrics (a JSON
    /// file, see <see cref="SweepTask"/>). A notebook run by a sweep declares <c>string MetricsOut = "";</c> in its
    /// parameters cell.</summary>
    public const string MetricsParameter = "MetricsOut";

    private SweepManifest(string path, IReadOnlyList<SweepEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The manifest file (absolute).</summary>
    public string Path { get; }

    /// <summary>The lines, in index order.</summary>
    public IReadOnlyList<SweepEntry> Entries { get; }

    /// <summary>The manifest's folder, against which <see cref="SweepEntry.Notebook"/> is resolved.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The default results store of this manifest: the folder <c>results</c> beside it.</summary>
    public string DefaultStore => System.IO.Path.Combine(Folder, "results");

    /// <summary>The absolute path of an entry's notebook.</summary>
    public string NotebookPath(SweepEntry entry) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, entry.Notebook));

    /// <summary>The entry of an array task index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a line of the manifest; the message gives the range.</exception>
    public SweepEntry Entry(int index) => index >= 0 && index < Entries.Count
        ? Entries[index]
        : throw new ArgumentOutOfRangeException(nameof(index), $"Task {index} is not a line of {Path} (tasks 0–{Entries.Count - 1}).");

    /// <summary>
    /// Plans a sweep: every combination of the grid's values with the fixed parameters, checked against the notebook's
    /// parameters cell (every name must be declared there, and <see cref="MetricsParameter"/> too).
    /// </summary>
    /// <param name="notebook">The notebook every task runs.</param>
    /// <param name="axes">The grid (may be empty: one run with the fixed parameters).</param>
    /// <param name="fixedParameters">Parameters set in every run.</param>
    /// <param name="manifestPath">Where the manifest will be written (notebook paths are stored relative to its folder).</param>
    /// <exception cref="ArgumentException">A name given twice, a name the notebook does not declare, a notebook without
    /// a parameters cell or without <see cref="MetricsParameter"/>.</exception>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    public static SweepManifest Plan(string notebook, IReadOnlyList<SweepAxis> axes, IReadOnlyDictionary<string, string> fixedParameters, string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(fixedParameters);
        var notebookPath = System.IO.Path.GetFullPath(notebook);
        if (!File.Exists(notebookPath)) throw new FileNotFoundException($"Notebook '{notebook}' does not exist.", notebookPath);
        var names = axes.Select(a => a.Name).Concat(fixedParameters.Keys).ToList();
        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException($"Parameter '{twice.Key}' is given more than once (in --grid and/or --param).");
        var declared = DeclaredParameters(notebookPath);
        if (!declared.Contains(MetricsParameter))
            throw new ArgumentException($"Notebook '{notebook}' cannot be swept: its parameters cell does not declare {MetricsParameter}. "
                + $"A sweep task passes the path of a JSON file in {MetricsParameter}, and the notebook writes its results there "
                + "(declare `string MetricsOut = \"\";` and call SweepMetrics.Write(MetricsOut, runs) from MultiLabelContrastive.Reproduction).");
        var unknown = names.Where(n => !declared.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Notebook '{notebook}' does not declare {string.Join(", ", unknown)} in its parameters cell "
                + $"(it declares {string.Join(", ", declared)}).");
        if (names.Contains(MetricsParameter, StringComparer.Ordinal))
            throw new ArgumentException($"{MetricsParameter} is set by each sweep task; do not give it in --grid or --param.");

        var full = System.IO.Path.GetFullPath(manifestPath);
        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetDirectoryName(full)!, notebookPath).Replace('\\', '/');
        var entries = new List<SweepEntry>();
        foreach (var combination in Product(axes))
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in fixedParameters) parameters[name] = value;
            foreach (var (name, value) in combination) parameters[name] = value;
            entries.Add(new SweepEntry(entries.Count, SweepId.Of(notebookPath, parameters), relative, parameters));
        }

        return new SweepManifest(full, entries);
    }

    /// <summary>The manifest's text: one JSON object per line.</summary>
    public string ToJsonLines()
    {
        var text = new StringBuilder();
        foreach (var entry in Entries) text.Append(Line(entry)).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes the manifest to <see cref="Path"/> atomically.</summary>
    public void Save() => AtomicFile.WriteAllText(Path, ToJsonLines());

    /// <summary>Reads a manifest, checking every line: its JSON, its index (= line number − 1), its id (recomputed from
    /// the notebook and parameters), and that its notebook exists.</summary>
    /// <exception cref="FileNotFoundException">No manifest at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">A malformed or edited line; the message names the file and line.</exception>
    public static SweepManifest Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Sweep manifest '{path}' does not exist (make one with `sweep plan`).", full);
        var lines = File.ReadAllText(full).Split('\n');
        var entries = new List<SweepEntry>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1) break;
            entries.Add(ParseLine(full, i + 1, lines[i], entries.Count));
        }

        if (entries.Count == 0) throw new InvalidDataException($"Sweep manifest '{full}' has no lines.");
        var manifest = new SweepManifest(full, entries);
        foreach (var notebook in entries.Select(e => e.Notebook).Distinct())
        {
            var resolved = System.IO.Path.GetFullPath(System.IO.Path.Combine(manifest.Folder, notebook));
            if (!File.Exists(resolved))
                throw new InvalidDataException($"Sweep manifest '{full}' runs notebook '{notebook}', which does not exist at {resolved} "
                    + "(the notebook path is relative to the manifest's folder).");
        }

        return manifest;
    }

    private static SweepEntry ParseLine(string file, int lineNumber, string line, int expectedIndex)
    {
        string Where() => $"{file}, line {lineNumber}";
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{Where()}: not a JSON object.");
            int index = root.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n)
                ? n : throw new InvalidDataException($"{Where()}: no integer 'index'.");
            string id = root.TryGetProperty("id", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : throw new InvalidDataException($"{Where()}: no string 'id'.");
            string notebook = root.TryGetProperty("notebook", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : throw new InvalidDataException($"{Where()}: no string 'notebook'.");
            if (!root.TryGetProperty("parameters", out var p) || p.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{Where()}: no object 'parameters'.");
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in p.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"{Where()}: parameter '{property.Name}' is not a string (values are text, typed by the notebook).");
                parameters[property.Name] = property.Value.GetString()!;
            }

            if (index != expectedIndex) throw new InvalidDataException($"{Where()}: index {index}, expected {expectedIndex} (lines are in index order, from 0).");
            var expectedId = SweepId.Of(notebook, parameters);
            if (id != expectedId)
                throw new InvalidDataException($"{Where()}: id {id} does not match its notebook and parameters (expected {expectedId}); the manifest was edited — plan it again.");
            return new SweepEntry(index, id, notebook, parameters);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Where()}: malformed JSON ({e.Message}).", e);
        }
    }

    private static string Line(SweepEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("index", entry.Index);
            json.WriteString("id", entry.Id);
            json.WriteString("notebook", entry.Notebook);
            json.WriteStartObject("parameters");
            foreach (var (name, value) in entry.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The grid's combinations: the first axis varies slowest.</summary>
    private static IEnumerable<IReadOnlyList<(string Name, string Value)>> Product(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<IReadOnlyList<(string, string)>> combinations = [[]];
        foreach (var axis in axes)
        {
            if (axis.Values.Count == 0) throw new ArgumentException($"--grid {axis.Name} has no values.");
            var current = axis;
            combinations = combinations.SelectMany(c => current.Values.Select(v => (IReadOnlyList<(string, string)>)[.. c, (current.Name, v)])).ToList();
        }

        return combinations;
    }

    private static HashSet<string> DeclaredParameters(string notebookPath)
    {
        var notebook = Notebook.Load(notebookPath);
        var cell = notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Code && c.HasTag(ParameterCell.Tag))
            ?? throw new ArgumentException($"Notebook '{notebookPath}' has no code cell tagged '{ParameterCell.Tag}': it takes no parameters and cannot be swept.");
        return new HashSet<string>(ParameterCell.DeclaredNames(cell.Source), StringComparer.Ordinal);
    }
}
