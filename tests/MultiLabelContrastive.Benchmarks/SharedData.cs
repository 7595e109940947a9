using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>The yeast folder: YEAST_DIR, else notebooks/data/yeast of the repository.</summary>
internal static class SharedData
{
    public static string YeastFolder => RepositoryRoot.YeastFolder;
}
