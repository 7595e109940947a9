using PureHDF;

namespace MultiLabelContrastive.Data;

/// <summary>
/// One split stored in the MulSupCon vector HDF5 layout: dataset <c>feature</c> (B × D floating point) and dataset
/// <c>target</c> (B × C multi-hot, 0/1), as in the <c>data/*.hdf5</c> files of williamzhangsjtu/MulSupCon.
/// </summary>
/// <remarks>
/// Features are read as float64 (float32 files are widened); targets as int64 (any integer width, or floating
/// point holding exact 0/1 values). Every problem is reported as an <see cref="InvalidDataException"/> naming the
/// file, the dataset and, for bad values, the row and column.
/// </remarks>
public sealed class Hdf5VectorFile
{
    /// <summary>Name of the feature dataset inside the file.</summary>
    public const string FeatureDataset = "feature";

    /// <summary>Name of the label dataset inside the file.</summary>
    public const string TargetDataset = "target";

    private Hdf5VectorFile(string path, double[,] features, long[,] targets)
    {
        Path = path;
        Features = features;
        Targets = targets;
    }

    /// <summary>Full path of the file read.</summary>
    public string Path { get; }

    /// <summary>Features exactly as stored, B × D.</summary>
    public double[,] Features { get; }

    /// <summary>Multi-hot labels exactly as stored, B × C, entries 0 or 1.</summary>
    public long[,] Targets { get; }

    /// <summary>Number of rows B.</summary>
    public int Count => Features.GetLength(0);

    /// <summary>Reads and checks one file.</summary>
    /// <param name="path">Path of the HDF5 file.</param>
    /// <param name="featureCount">Expected D, or null to accept any D ≥ 1.</param>
    /// <param name="labelCount">Expected C, or null to accept any C ≥ 1.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// Not a readable HDF5 file, a dataset missing, not 2-D, of the wrong width or type, row counts that differ,
    /// a non-finite feature or a target other than 0/1 (message names file, dataset, row and column).
    /// </exception>
    public static Hdf5VectorFile Read(string path, int? featureCount = null, int? labelCount = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"HDF5 file '{full}' does not exist.", full);

        double[,] features;
        long[,] targets;
        try
        {
            using var file = H5File.OpenRead(full);
            features = ReadFeatures(file, full);
            targets = ReadTargets(file, full);
        }
        catch (InvalidDataException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{full}' is not a readable HDF5 file in the MulSupCon layout: {e.Message}", e);
        }

        int rows = features.GetLength(0), d = features.GetLength(1), c = targets.GetLength(1);
        if (d == 0) throw new InvalidDataException($"'{full}': dataset '{FeatureDataset}' has no columns (shape {rows} × 0).");
        if (c == 0) throw new InvalidDataException($"'{full}': dataset '{TargetDataset}' has no columns (shape {targets.GetLength(0)} × 0).");
        if (featureCount is { } expectedD && d != expectedD)
            throw new InvalidDataException($"'{full}': dataset '{FeatureDataset}' has shape {rows} × {d} but {expectedD} feature columns were expected.");
        if (labelCount is { } expectedC && c != expectedC)
            throw new InvalidDataException($"'{full}': dataset '{TargetDataset}' has shape {targets.GetLength(0)} × {c} but {expectedC} label columns were expected.");
        if (targets.GetLength(0) != rows)
            throw new InvalidDataException(
                $"'{full}': dataset '{FeatureDataset}' has {rows} rows but '{TargetDataset}' has {targets.GetLength(0)}; they must match.");
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < d; j++)
            if (!double.IsFinite(features[i, j]))
                throw new InvalidDataException($"'{full}': dataset '{FeatureDataset}' has non-finite value {features[i, j]} at row {i}, column {j}.");
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < c; j++)
            if (targets[i, j] is not (0 or 1))
                throw new InvalidDataException($"'{full}': dataset '{TargetDataset}' has value {targets[i, j]} at row {i}, column {j}; targets must be 0 or 1.");
        return new Hdf5VectorFile(full, features, targets);
    }

    private static IH5Dataset Dataset2D(IH5Group file, string name, string path)
    {
        if (!file.LinkExists(name))
            throw new InvalidDataException($"'{path}' has no dataset '{name}' (found: {string.Join(", ", file.Children().Select(c => c.Name))}).");
        var dataset = file.Dataset(name);
        var dims = dataset.Space.Dimensions;
        if (dims.Length != 2)
            throw new InvalidDataException($"'{path}': dataset '{name}' has shape [{string.Join(", ", dims)}] but a 2-D matrix (rows × columns) was expected.");
        return dataset;
    }

    private static double[,] ReadFeatures(IH5Group file, string path)
    {
        var dataset = Dataset2D(file, FeatureDataset, path);
        var type = dataset.Type;
        return (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => dataset.Read<double[,]>(),
            (H5DataTypeClass.FloatingPoint, 4) => Widen(dataset.Read<float[,]>(), v => (double)v),
            _ => throw new InvalidDataException(
                $"'{path}': dataset '{FeatureDataset}' holds {type.Class} of {type.Size} bytes; float32 or float64 was expected."),
        };
    }

    private static long[,] ReadTargets(IH5Group file, string path)
    {
        var dataset = Dataset2D(file, TargetDataset, path);
        var type = dataset.Type;
        return (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FixedPoint, 8) => dataset.Read<long[,]>(),
            (H5DataTypeClass.FixedPoint, 4) => Widen(dataset.Read<int[,]>(), v => (long)v),
            (H5DataTypeClass.FixedPoint, 2) => Widen(dataset.Read<short[,]>(), v => (long)v),
            (H5DataTypeClass.FixedPoint, 1) => Widen(dataset.Read<byte[,]>(), v => (long)v),
            (H5DataTypeClass.FloatingPoint, 8) => Exact(dataset.Read<double[,]>(), path),
            (H5DataTypeClass.FloatingPoint, 4) => Exact(Widen(dataset.Read<float[,]>(), v => (double)v), path),
            _ => throw new InvalidDataException(
                $"'{path}': dataset '{TargetDataset}' holds {type.Class} of {type.Size} bytes; an integer or floating-point 0/1 matrix was expected."),
        };
    }

    private static TOut[,] Widen<TIn, TOut>(TIn[,] source, Func<TIn, TOut> convert)
    {
        var result = new TOut[source.GetLength(0), source.GetLength(1)];
        for (var i = 0; i < source.GetLength(0); i++)
        for (var j = 0; j < source.GetLength(1); j++)
            result[i, j] = convert(source[i, j]);
        return result;
    }

    private static long[,] Exact(double[,] source, string path)
    {
        var result = new long[source.GetLength(0), source.GetLength(1)];
        for (var i = 0; i < source.GetLength(0); i++)
        for (var j = 0; j < source.GetLength(1); j++)
        {
            var v = source[i, j];
            if (v is not (0.0 or 1.0))
                throw new InvalidDataException($"'{path}': dataset '{TargetDataset}' has value {v} at row {i}, column {j}; targets must be 0 or 1.");
            result[i, j] = (long)v;
        }
        return result;
    }
}
