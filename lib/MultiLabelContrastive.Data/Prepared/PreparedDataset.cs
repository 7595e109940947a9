using System.Buffers.Binary;
using System.Text.Json;
using MultiLabelContrastive.Data.Internal;
using MultiLabelContrastive.Data.Text;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>
/// Reads prepared datasets (<see cref="PreparedFormat"/>): verifies the manifest (format, version, every file's size
/// and SHA-256, row counts, label indices) and builds a <see cref="MultiLabelDataset"/>.
/// </summary>
public static class PreparedDataset
{
    /// <summary>Loads a prepared dataset into tensors.</summary>
    /// <param name="folder">Dataset folder (holding manifest.json).</param>
    /// <param name="options">Text encoding, feature standardisation, image size, row cap; defaults when null.</param>
    /// <returns>
    /// Tokens: n × L int64 (cl100k ids remapped to a vocabulary fitted on the training texts). Vector: n × F float32
    /// (z-scored with training statistics unless disabled). Image: n × 3 × S × S float32 in [0, 1]; with
    /// <see cref="PreparedImagePreprocessing.ImageNet"/> n × 3 × S × S uint8 pixels (one byte per value), which
    /// <see cref="DatasetSplit.Rows(Tensor, Device?)"/> gives in the ImageNet normalisation.
    /// </returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No manifest, a checksum or count mismatch, a malformed line (file and line named).</exception>
    /// <exception cref="InsufficientMemoryException">Image rows that would take more than
    /// <see cref="PreparedLoadOptions.MaxImageBytes"/> (checked before decoding).</exception>
    public static MultiLabelDataset Load(string folder, PreparedLoadOptions? options = null)
    {
        options ??= new PreparedLoadOptions();
        if (options.ImageSize is < 8 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(options), options.ImageSize, "ImageSize must lie in [8, 1024].");
        if (options.MaxRowsPerSplit is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRowsPerSplit, "MaxRowsPerSplit must be ≥ 1.");
        var manifest = ReadManifest(folder);
        var full = Path.GetFullPath(folder);
        var splits = PreparedFormat.SplitNames.Select(s => Truncate(ReadSplit(full, manifest, s), options.MaxRowsPerSplit)).ToArray();
        var kind = manifest.InputKind;
        var description = manifest.Description + $" Prepared dataset '{full}'.";
        switch (kind)
        {
            case InputKind.Tokens:
                return TextDataset.Create(manifest.Name, manifest.Labels,
                    new TextSplit(splits[0].Texts!, splits[0].LabelIndices),
                    new TextSplit(splits[1].Texts!, splits[1].LabelIndices),
                    new TextSplit(splits[2].Texts!, splits[2].LabelIndices),
                    options.Text, manifest.IsSurrogate, description, out _);
            case InputKind.Vector:
            {
                var scaler = options.StandardizeFeatures ? Standardizer.Fit(splits[0].Features!) : null;
                var f = manifest.FeatureCount!.Value;
                var built = splits.Select(s => new DatasetSplit(s.Name, kind,
                    scaler is null ? Tensors.Float32(s.Features!) : Tensors.Float32(scaler.Apply(s.Features!), s.Count, f),
                    TextDataset.MultiHot(s.LabelIndices, manifest.Labels.Count))).ToArray();
                if (scaler is not null) description += " Features z-scored with the training split's mean and population standard deviation.";
                return new MultiLabelDataset(manifest.Name, kind, manifest.Labels, built[0], built[1], built[2], manifest.IsSurrogate, description);
            }
            default:
            {
                var s = options.ImageSize;
                var imageNet = options.ImagePreprocessing == PreparedImagePreprocessing.ImageNet;
                CheckImageMemory(full, splits, s, imageNet ? sizeof(byte) : sizeof(float), options.MaxImageBytes);
                var built = new List<DatasetSplit>();
                try
                {
                    foreach (var split in splits)
                    {
                        var labels = TextDataset.MultiHot(split.LabelIndices, manifest.Labels.Count);
                        built.Add(new DatasetSplit(split.Name, kind, imageNet ? PixelRows(split, s) : UnitRows(split, s), labels, imageNet)
                            { ImagePaths = split.ImagePaths });
                    }
                }
                catch
                {
                    foreach (var split in built) split.Dispose();
                    throw;
                }
                description += imageNet
                    ? $" Images resized to shorter side {s * Images.ImageNetPreprocessing.ResizeSide / Images.ImageNetPreprocessing.CropSide}, centre-cropped to {s}×{s} and held as 8-bit pixels, ImageNet-normalised when read."
                    : $" Images resized to {s}×{s}.";
                return new MultiLabelDataset(manifest.Name, kind, manifest.Labels, built[0], built[1], built[2], manifest.IsSurrogate, description);
            }
        }
    }

    /// <summary>Refuses an image dataset whose rows would not fit in memory, before any image is decoded (a clear message
    /// instead of running out of memory after minutes of decoding).</summary>
    /// <param name="folder">Dataset folder (named in the message).</param>
    /// <param name="splits">The splits to load.</param>
    /// <param name="size">Side S of a row.</param>
    /// <param name="bytesPerValue">1 for uint8 pixel rows (<see cref="PreparedImagePreprocessing.ImageNet"/>), 4 for float32.</param>
    /// <param name="maxBytes">The caller's limit; null: 80 % of the memory available to the process.</param>
    private static void CheckImageMemory(string folder, IReadOnlyList<PreparedSplit> splits, int size, int bytesPerValue, long? maxBytes)
    {
        if (maxBytes is < 1) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "MaxImageBytes must be ≥ 1.");
        var limit = maxBytes ?? (long)(0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var rows = splits.Sum(split => (long)split.Count);
        var perRow = (long)3 * size * size * bytesPerValue;
        var needed = rows * perRow;
        if (needed <= limit) return;
        var fitting = Math.Max(1, limit / perRow / 3);
        var storage = bytesPerValue == sizeof(byte) ? "uint8 pixel" : "float32";
        var smaller = bytesPerValue == sizeof(byte) ? "" : ", or the ImageNet preprocessing (uint8 pixels, a quarter of the memory)";
        throw new InsufficientMemoryException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Loading the {rows} images of '{folder}' at {size} × {size} needs {needed / 1e9:0.0} GB for their {storage} rows, " +
            $"more than the {limit / 1e9:0.0} GB allowed ({(maxBytes is null ? "80 % of this process's available memory" : "MaxImageBytes")}). " +
            $"Cap the rows per split (MaxRowsPerSplit ≤ {fitting} fits), or load smaller images{smaller}."));
    }

    /// <summary>n × 3 × S × S uint8: each image decoded, resized (shorter side ⌊S · 256 / 224⌋) and centre-cropped as
    /// pixels (<see cref="Images.ImageNetPreprocessing.EvaluationPixels"/>).</summary>
    private static Tensor PixelRows(PreparedSplit split, int size)
    {
        var resize = size * Images.ImageNetPreprocessing.ResizeSide / Images.ImageNetPreprocessing.CropSide;
        return ImageRows(split, size, ScalarType.Byte, path =>
        {
            using var decoded = ImageFiles.Decode(path);
            return Images.ImageNetPreprocessing.EvaluationPixels(decoded, resize, size);
        });
    }

    /// <summary>n × 3 × S × S float32 in [0, 1]: each whole image resized to S × S (<see cref="ImageFiles.ReadRgb"/>).</summary>
    private static Tensor UnitRows(PreparedSplit split, int size) =>
        ImageRows(split, size, ScalarType.Float32, path => tensor(ImageFiles.ReadRgb(path, size), [3, size, size]));

    /// <summary>The split's images, made by <paramref name="row"/> in parallel (rows are independent) and written straight
    /// into one native tensor: no managed array of the whole split, so no 2³¹-element limit and no second copy.</summary>
    private static Tensor ImageRows(PreparedSplit split, int size, ScalarType dtype, Func<string, Tensor> row)
    {
        var rows = empty([split.Count, 3, size, size], dtype);
        try
        {
            Parallel.For(0, split.Count, i =>
            {
                using var scope = NewDisposeScope();
                rows[i].copy_(row(split.ImagePaths![i]));
            });
            return rows;
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            rows.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>Reads the manifest and verifies every file it lists (size and SHA-256) and the per-split files.</summary>
    /// <param name="folder">Dataset folder.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No or malformed manifest, wrong format or version, a missing or altered file.</exception>
    public static PreparedManifest ReadManifest(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"Prepared dataset folder '{full}' does not exist.");
        var path = Path.Combine(full, PreparedFormat.ManifestFile);
        if (!File.Exists(path))
            throw new InvalidDataException($"'{full}' has no {PreparedFormat.ManifestFile}: not a prepared dataset, or an interrupted write.");
        PreparedManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PreparedManifest>(File.ReadAllText(path), PreparedManifest.Json)
                       ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid manifest: {e.Message}", e);
        }
        if (manifest.Format != PreparedFormat.FormatName)
            throw new InvalidDataException($"'{path}' has format '{manifest.Format}', expected '{PreparedFormat.FormatName}'.");
        if (manifest.FormatVersion != PreparedFormat.Version)
            throw new InvalidDataException($"'{path}' has format version {manifest.FormatVersion}; this library reads version {PreparedFormat.Version}.");
        var kind = PreparedFormat.ParseKind(manifest.Kind);
        if (manifest.Labels is not { Count: > 0 }) throw new InvalidDataException($"'{path}' lists no labels.");
        if (kind == InputKind.Vector && manifest.FeatureCount is not > 0) throw new InvalidDataException($"'{path}' lacks featureCount.");
        if (kind == InputKind.Image && string.IsNullOrWhiteSpace(manifest.ImageRoot)) throw new InvalidDataException($"'{path}' lacks imageRoot.");
        var names = manifest.Splits.Select(s => s.Name).ToArray();
        if (!names.SequenceEqual(PreparedFormat.SplitNames))
            throw new InvalidDataException($"'{path}' lists splits [{string.Join(", ", names)}], expected [train, validation, test].");
        if (manifest.Splits.Any(s => s.Count < 0)) throw new InvalidDataException($"'{path}' has a negative split count.");

        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var split in PreparedFormat.SplitNames)
        foreach (var required in new[] { PreparedFormat.IdsFile(split), PreparedFormat.LabelsFile(split), PreparedFormat.PayloadFile(split, kind) })
            if (!listed.ContainsKey(required))
                throw new InvalidDataException($"'{path}' does not list the required file '{required}'.");
        foreach (var entry in manifest.Files)
        {
            if (Path.IsPathRooted(entry.Path) || entry.Path.Split('/').Contains(".."))
                throw new InvalidDataException($"'{path}' lists '{entry.Path}', which is outside the dataset folder.");
            var file = Path.Combine(full, entry.Path);
            if (!File.Exists(file)) throw new InvalidDataException($"'{file}' is listed in the manifest but missing.");
            var actual = PreparedDatasetWriter.Describe(full, entry.Path);
            if (actual.Bytes != entry.Bytes)
                throw new InvalidDataException($"'{file}' has {actual.Bytes} bytes but the manifest says {entry.Bytes}: the file was changed or truncated.");
            if (!string.Equals(actual.Sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"'{file}' fails its SHA-256 check (manifest {entry.Sha256}, file {actual.Sha256}): the file was changed.");
        }
        return manifest;
    }

    /// <summary>Reads one split's rows exactly as stored (after <see cref="ReadManifest"/> has verified the folder).</summary>
    /// <param name="folder">Dataset folder.</param>
    /// <param name="manifest">Its verified manifest.</param>
    /// <param name="split">"train", "validation" or "test".</param>
    /// <exception cref="InvalidDataException">A count differs from the manifest or a line is malformed (file and line named).</exception>
    public static PreparedSplit ReadSplit(string folder, PreparedManifest manifest, string split)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var full = Path.GetFullPath(folder);
        var count = manifest.Count(split);
        var kind = manifest.InputKind;
        var ids = Lines(full, PreparedFormat.IdsFile(split), count);
        var labelLines = Lines(full, PreparedFormat.LabelsFile(split), count);
        var labels = new IReadOnlyList<int>[count];
        for (var i = 0; i < count; i++) labels[i] = ParseLabels(labelLines[i], manifest.Labels.Count, PreparedFormat.LabelsFile(split), i + 1);
        var payload = PreparedFormat.PayloadFile(split, kind);
        return kind switch
        {
            InputKind.Tokens => new PreparedSplit { Name = split, Ids = ids, LabelIndices = labels, Texts = Lines(full, payload, count) },
            InputKind.Vector => new PreparedSplit { Name = split, Ids = ids, LabelIndices = labels, Features = Features(full, payload, count, manifest.FeatureCount!.Value) },
            _ => new PreparedSplit
            {
                Name = split, Ids = ids, LabelIndices = labels,
                ImagePaths = Lines(full, payload, count).Select(p => Path.GetFullPath(Path.Combine(full, manifest.ImageRoot!, p))).ToArray(),
            },
        };
    }

    private static PreparedSplit Truncate(PreparedSplit split, int? maxRows)
    {
        if (maxRows is not { } m || split.Count <= m) return split;
        double[,]? features = null;
        if (split.Features is { } f)
        {
            features = new double[m, f.GetLength(1)];
            for (var i = 0; i < m; i++)
            for (var j = 0; j < f.GetLength(1); j++)
                features[i, j] = f[i, j];
        }
        return split with
        {
            Ids = split.Ids.Take(m).ToArray(),
            LabelIndices = split.LabelIndices.Take(m).ToArray(),
            Texts = split.Texts?.Take(m).ToArray(),
            Features = features,
            ImagePaths = split.ImagePaths?.Take(m).ToArray(),
        };
    }

    private static string[] Lines(string folder, string file, int expected)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        if (expected == 0)
        {
            if (text.Length != 0) throw new InvalidDataException($"'{path}' should be empty (0 rows) but is not.");
            return [];
        }
        if (!text.EndsWith('\n')) throw new InvalidDataException($"'{path}' does not end with a line break: the file is truncated.");
        var lines = text[..^1].Split('\n');
        if (lines.Length != expected)
            throw new InvalidDataException($"'{path}' has {lines.Length} lines but the manifest says {expected} rows.");
        return lines;
    }

    private static int[] ParseLabels(string line, int labelCount, string file, int lineNumber)
    {
        if (line.Length == 0) return [];
        var parts = line.Split(' ');
        var result = new int[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) || c >= labelCount)
                throw new InvalidDataException($"{file}, line {lineNumber}: '{parts[k]}' is not a label index in [0, {labelCount}).");
            if (k > 0 && c <= result[k - 1])
                throw new InvalidDataException($"{file}, line {lineNumber}: label indices must be ascending and distinct.");
            result[k] = c;
        }
        return result;
    }

    private static double[,] Features(string folder, string file, int count, int featureCount)
    {
        var path = Path.Combine(folder, file);
        var bytes = File.ReadAllBytes(path);
        if (bytes.LongLength != (long)count * featureCount * 8)
            throw new InvalidDataException($"'{path}' has {bytes.LongLength} bytes but {count} rows × {featureCount} features × 8 = {(long)count * featureCount * 8} were expected.");
        var result = new double[count, featureCount];
        for (var i = 0; i < count; i++)
        for (var j = 0; j < featureCount; j++)
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)(((long)i * featureCount + j) * 8), 8));
            if (!double.IsFinite(value)) throw new InvalidDataException($"'{path}': non-finite feature at row {i}, column {j}.");
            result[i, j] = value;
        }
        return result;
    }
}
