using MultiLabelContrastive.Data.Internal;

namespace MultiLabelContrastive.Data;

/// <summary>
/// The yeast gene-function dataset (Elisseeff &amp; Weston 2001; 103 features, 14 labels) in the split used by
/// MulSupCon: files <c>yeast_official_train.hdf5</c> (1,200 rows), <c>yeast_official_val.hdf5</c> (300) and
/// <c>yeast_official_test.hdf5</c> (917), each in the <see cref="Hdf5VectorFile"/> layout.
/// </summary>
public static class YeastDataset
{
    /// <summary>Number of features D.</summary>
    public const int FeatureCount = 103;

    /// <summary>Number of labels C.</summary>
    public const int LabelCount = 14;

    /// <summary>File name of the training split.</summary>
    public const string TrainFile = "yeast_official_train.hdf5";

    /// <summary>File name of the validation split.</summary>
    public const string ValidationFile = "yeast_official_val.hdf5";

    /// <summary>File name of the test split.</summary>
    public const string TestFile = "yeast_official_test.hdf5";

    /// <summary>Label names in column order: Class1 … Class14 (the names of the Mulan ARFF release).</summary>
    public static IReadOnlyList<string> LabelNames { get; } = Enumerable.Range(1, LabelCount).Select(i => $"Class{i}").ToArray();

    /// <summary>Reads the three split files from a folder into a vector dataset.</summary>
    /// <param name="folder">Folder holding the three <c>yeast_official_*.hdf5</c> files.</param>
    /// <param name="standardize">
    /// True (default): every feature column is z-scored with the mean and population standard deviation of the
    /// training split, x' = (x − μ_train) / σ_train, applied to all three splits (a constant column is only centred).
    /// False: features as stored (converted to float32).
    /// </param>
    /// <returns>A <see cref="InputKind.Vector"/> dataset, inputs n × 103 float32, labels n × 14.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A split file is missing (the message names it).</exception>
    /// <exception cref="InvalidDataException">A file is unreadable, lacks a dataset, has the wrong shape or a non-binary target.</exception>
    public static MultiLabelDataset Load(string folder, bool standardize = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"Yeast folder '{full}' does not exist.");
        var train = Hdf5VectorFile.Read(Path.Combine(full, TrainFile), FeatureCount, LabelCount);
        var validation = Hdf5VectorFile.Read(Path.Combine(full, ValidationFile), FeatureCount, LabelCount);
        var test = Hdf5VectorFile.Read(Path.Combine(full, TestFile), FeatureCount, LabelCount);
        return FromFiles(train, validation, test, standardize, $"the MulSupCon HDF5 files in '{full}'");
    }

    internal static MultiLabelDataset FromFiles(
        Hdf5VectorFile train, Hdf5VectorFile validation, Hdf5VectorFile test, bool standardize, string source)
    {
        var scaler = standardize ? Standardizer.Fit(train.Features) : null;
        DatasetSplit Split(string name, Hdf5VectorFile file) => new(
            name,
            InputKind.Vector,
            scaler is null ? Tensors.Float32(file.Features) : Tensors.Float32(scaler.Apply(file.Features), file.Count, FeatureCount),
            Tensors.Labels(file.Targets));
        var description =
            $"yeast (Elisseeff & Weston 2001), {FeatureCount} features, {LabelCount} labels, MulSupCon split " +
            $"train {train.Count} / validation {validation.Count} / test {test.Count}, read from {source}; " +
            (standardize ? "features z-scored with the training split's mean and population standard deviation." : "features as stored.");
        return new MultiLabelDataset(
            "yeast", InputKind.Vector, LabelNames,
            Split("train", train), Split("validation", validation), Split("test", test),
            isSurrogate: false, description);
    }
}
