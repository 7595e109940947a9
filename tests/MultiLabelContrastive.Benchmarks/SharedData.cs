namespace MultiLabelContrastive.Benchmarks;

/// <summary>The yeast folder: YEAST_DIR, else ../shared/data/yeast beside the repository root.</summary>
internal static class SharedData
{
    public static string YeastFolder
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("YEAST_DIR");
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "yeast"));
            throw new DirectoryNotFoundException("Set YEAST_DIR: no Notebooks.sln above the program to find ../shared/data/yeast from.");
        }
    }
}
