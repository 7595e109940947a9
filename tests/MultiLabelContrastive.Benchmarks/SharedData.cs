using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>The yeast folder: YEAST_DIR, else ../shared/data/yeast beside the repository root.</summary>
internal static class SharedData
{
    public static string YeastFolder => RepositoryRoot.SharedFolder("YEAST_DIR", "data", "yeast");
}
