using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>
/// Writes a prepared dataset atomically: rows stream into a hidden temporary folder beside the target
/// (<c>.{name}.partial-{guid}</c>); <see cref="Commit"/> writes the manifest last and renames the folder into place.
/// Disposing without committing deletes the temporary folder, so an interrupted run never leaves a dataset that looks
/// whole, and an existing dataset is only replaced (with overwrite) at the moment of the rename.
/// </summary>
public sealed class PreparedDatasetWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _target;
    private readonly bool _overwrite;
    private readonly PreparedDatasetInfo _info;
    private readonly Dictionary<string, SplitFiles> _splits = new();
    private readonly List<string> _extraFiles = [];
    private bool _finished;

    private PreparedDatasetWriter(string target, string temporary, PreparedDatasetInfo info, bool overwrite)
    {
        _target = target;
        TemporaryFolder = temporary;
        _info = info;
        _overwrite = overwrite;
        foreach (var split in PreparedFormat.SplitNames) _splits[split] = new SplitFiles(temporary, split, info.Kind);
    }

    /// <summary>The hidden folder the rows are written to until <see cref="Commit"/>.</summary>
    public string TemporaryFolder { get; }

    /// <summary>Final folder of the dataset.</summary>
    public string TargetFolder => _target;

    /// <summary>Rows written so far per split.</summary>
    public IReadOnlyDictionary<string, int> Counts => _splits.ToDictionary(kv => kv.Key, kv => kv.Value.Count);

    /// <summary>Starts a dataset.</summary>
    /// <param name="folder">Target folder; its parent is created if missing.</param>
    /// <param name="info">Name, kind, labels and description.</param>
    /// <param name="overwrite">Replace an existing dataset at <paramref name="folder"/> on commit (the --force of data-scripts).</param>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="ArgumentException">The info is inconsistent (no labels, duplicate names, missing feature count or image root).</exception>
    public static PreparedDatasetWriter Create(string folder, PreparedDatasetInfo info, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(info);
        Check(info);
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if ((Directory.Exists(target) || File.Exists(target)) && !overwrite)
            throw new IOException($"'{target}' already exists; refusing to overwrite it (use --force to replace it).");
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{target}' has no parent folder.", nameof(folder));
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        return new PreparedDatasetWriter(target, temporary, info, overwrite);
    }

    /// <summary>Adds a text row (Tokens datasets).</summary>
    /// <param name="split">"train", "validation" or "test".</param>
    /// <param name="id">Source id (no line breaks).</param>
    /// <param name="labels">0-based label columns, distinct.</param>
    /// <param name="text">Document; tabs and line breaks become spaces.</param>
    public void AddText(string split, string id, IReadOnlyList<int> labels, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var files = Row(split, id, labels, InputKind.Tokens);
        files.Payload!.Write(OneLine(text));
        files.Payload.Write('\n');
    }

    /// <summary>Adds a feature row (Vector datasets).</summary>
    /// <param name="split">"train", "validation" or "test".</param>
    /// <param name="id">Source id.</param>
    /// <param name="labels">0-based label columns, distinct.</param>
    /// <param name="features">Exactly F finite values.</param>
    public void AddVector(string split, string id, IReadOnlyList<int> labels, ReadOnlySpan<double> features)
    {
        if (features.Length != _info.FeatureCount)
            throw new ArgumentException($"Row '{id}' has {features.Length} features but the dataset has {_info.FeatureCount}.", nameof(features));
        for (var j = 0; j < features.Length; j++)
            if (!double.IsFinite(features[j]))
                throw new ArgumentException($"Row '{id}' has non-finite feature {features[j]} at column {j}.", nameof(features));
        var files = Row(split, id, labels, InputKind.Vector);
        Span<byte> buffer = stackalloc byte[8];
        foreach (var value in features)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
            files.Binary!.Write(buffer);
        }
    }

    /// <summary>Adds an image row whose file stays outside the dataset (Image datasets).</summary>
    /// <param name="split">"train", "validation" or "test".</param>
    /// <param name="id">Source id.</param>
    /// <param name="labels">0-based label columns, distinct.</param>
    /// <param name="relativePath">Path relative to the image root (forward or back slashes; stored with forward slashes).</param>
    public void AddImagePath(string split, string id, IReadOnlyList<int> labels, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Path.IsPathRooted(relativePath))
            throw new ArgumentException($"Image path '{relativePath}' must be relative to the image root.", nameof(relativePath));
        var files = Row(split, id, labels, InputKind.Image);
        files.Payload!.Write(OneLine(relativePath.Replace('\\', '/')));
        files.Payload.Write('\n');
    }

    /// <summary>Adds an image row stored inside the dataset folder (image root must be "."); the file is checksummed too.</summary>
    /// <param name="split">"train", "validation" or "test".</param>
    /// <param name="id">Source id.</param>
    /// <param name="labels">0-based label columns, distinct.</param>
    /// <param name="relativePath">Path inside the dataset folder, e.g. "images/train/000001.png".</param>
    /// <param name="bytes">The encoded image (PNG or JPEG).</param>
    public void AddImageFile(string split, string id, IReadOnlyList<int> labels, string relativePath, ReadOnlySpan<byte> bytes)
    {
        if (_info.ImageRoot != ".")
            throw new InvalidOperationException("Images stored inside the dataset need ImageRoot \".\".");
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var normalized = relativePath.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || normalized.Split('/').Contains(".."))
            throw new ArgumentException($"Image path '{relativePath}' must stay inside the dataset folder.", nameof(relativePath));
        var full = Path.Combine(TemporaryFolder, normalized);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes.ToArray());
        _extraFiles.Add(normalized);
        AddImagePath(split, id, labels, normalized);
    }

    /// <summary>Writes the manifest and renames the temporary folder to the target (replacing an existing dataset only with overwrite).</summary>
    /// <returns>The manifest written.</returns>
    /// <exception cref="InvalidOperationException">The training split is empty, or the writer was already committed or abandoned.</exception>
    public PreparedManifest Commit()
    {
        if (_finished) throw new InvalidOperationException("The writer was already committed or abandoned.");
        if (_splits["train"].Count == 0) throw new InvalidOperationException("The training split has no rows; nothing was written.");
        foreach (var files in _splits.Values) files.Close();

        var paths = _splits.Values.SelectMany(f => f.FileNames).Concat(_extraFiles).ToList();
        var manifest = new PreparedManifest
        {
            Name = _info.Name,
            Kind = PreparedFormat.KindName(_info.Kind),
            Description = _info.Description,
            IsSurrogate = _info.IsSurrogate,
            Source = _info.Source,
            Labels = _info.LabelNames.ToArray(),
            FeatureCount = _info.Kind == InputKind.Vector ? _info.FeatureCount : null,
            ImageRoot = _info.Kind == InputKind.Image ? _info.ImageRoot : null,
            Splits = PreparedFormat.SplitNames.Select(s => new PreparedManifest.SplitEntry(s, _splits[s].Count)).ToArray(),
            Files = paths.Select(p => Describe(TemporaryFolder, p)).ToArray(),
        };
        File.WriteAllText(Path.Combine(TemporaryFolder, PreparedFormat.ManifestFile), JsonSerializer.Serialize(manifest, PreparedManifest.Json) + "\n", Utf8);

        string? displaced = null;
        if (Directory.Exists(_target) || File.Exists(_target))
        {
            if (!_overwrite) throw new IOException($"'{_target}' appeared while writing; refusing to overwrite it (use --force).");
            displaced = Path.Combine(Path.GetDirectoryName(_target)!, $".{Path.GetFileName(_target)}.replaced-{Guid.NewGuid():N}");
            if (Directory.Exists(_target)) Directory.Move(_target, displaced);
            else File.Move(_target, displaced);
        }
        Directory.Move(TemporaryFolder, _target);
        _finished = true;
        if (displaced is not null)
        {
            if (Directory.Exists(displaced)) Directory.Delete(displaced, recursive: true);
            else File.Delete(displaced);
        }
        return manifest;
    }

    /// <summary>Abandons an uncommitted dataset: closes the files and deletes the temporary folder.</summary>
    public void Dispose()
    {
        foreach (var files in _splits.Values) files.Close();
        if (_finished) return;
        _finished = true;
        if (Directory.Exists(TemporaryFolder)) Directory.Delete(TemporaryFolder, recursive: true);
    }

    internal static PreparedManifest.FileEntry Describe(string folder, string relativePath)
    {
        var full = Path.Combine(folder, relativePath);
        using var stream = File.OpenRead(full);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new PreparedManifest.FileEntry(relativePath, new FileInfo(full).Length, hash);
    }

    private SplitFiles Row(string split, string id, IReadOnlyList<int> labels, InputKind kind)
    {
        if (_finished) throw new InvalidOperationException("The writer was already committed or abandoned.");
        if (_info.Kind != kind) throw new InvalidOperationException($"This is a {_info.Kind} dataset; cannot add a {kind} row.");
        ArgumentNullException.ThrowIfNull(split);
        if (!_splits.TryGetValue(split, out var files))
            throw new ArgumentException($"Unknown split '{split}' (expected train, validation or test).", nameof(split));
        ArgumentNullException.ThrowIfNull(id);
        if (id.Contains('\n') || id.Contains('\r')) throw new ArgumentException($"Id '{id}' contains a line break.", nameof(id));
        ArgumentNullException.ThrowIfNull(labels);
        var sorted = labels.ToArray();
        Array.Sort(sorted);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i] < 0 || sorted[i] >= _info.LabelNames.Count)
                throw new ArgumentException($"Row '{id}' has label index {sorted[i]} outside [0, {_info.LabelNames.Count}).", nameof(labels));
            if (i > 0 && sorted[i] == sorted[i - 1])
                throw new ArgumentException($"Row '{id}' repeats label index {sorted[i]}.", nameof(labels));
        }
        files.Ids.Write(id);
        files.Ids.Write('\n');
        files.Labels.Write(string.Join(' ', sorted));
        files.Labels.Write('\n');
        files.Count++;
        return files;
    }

    private static string OneLine(string text) =>
        text.Contains('\n') || text.Contains('\r') || text.Contains('\t')
            ? text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ')
            : text;

    private static void Check(PreparedDatasetInfo info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(info.Name, nameof(info));
        ArgumentException.ThrowIfNullOrWhiteSpace(info.Description, nameof(info));
        ArgumentNullException.ThrowIfNull(info.LabelNames, nameof(info));
        if (info.LabelNames.Count == 0) throw new ArgumentException("At least one label name is required.", nameof(info));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in info.LabelNames)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains('\n'))
                throw new ArgumentException($"Label name '{name}' is blank or contains a line break.", nameof(info));
            if (!seen.Add(name)) throw new ArgumentException($"Label name '{name}' appears more than once.", nameof(info));
        }
        if (info.Kind == InputKind.Vector && info.FeatureCount is not > 0)
            throw new ArgumentException("Vector datasets need a feature count ≥ 1.", nameof(info));
        if (info.Kind == InputKind.Image && string.IsNullOrWhiteSpace(info.ImageRoot))
            throw new ArgumentException("Image datasets need an image root (\".\" for images inside the dataset).", nameof(info));
    }

    private sealed class SplitFiles
    {
        public SplitFiles(string folder, string split, InputKind kind)
        {
            FileNames = [PreparedFormat.IdsFile(split), PreparedFormat.LabelsFile(split), PreparedFormat.PayloadFile(split, kind)];
            Ids = new StreamWriter(Path.Combine(folder, FileNames[0]), false, Utf8) { NewLine = "\n" };
            Labels = new StreamWriter(Path.Combine(folder, FileNames[1]), false, Utf8) { NewLine = "\n" };
            if (kind == InputKind.Vector) Binary = new FileStream(Path.Combine(folder, FileNames[2]), FileMode.Create);
            else Payload = new StreamWriter(Path.Combine(folder, FileNames[2]), false, Utf8) { NewLine = "\n" };
        }

        public string[] FileNames { get; }

        public StreamWriter Ids { get; }

        public StreamWriter Labels { get; }

        public StreamWriter? Payload { get; }

        public FileStream? Binary { get; }

        public int Count { get; set; }

        public void Close()
        {
            Ids.Dispose();
            Labels.Dispose();
            Payload?.Dispose();
            Binary?.Dispose();
        }
    }
}
