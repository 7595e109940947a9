namespace MultiLabelContrastive.Runner;

/// <summary>The command line that starts this runner again (notebook workers, sweep tasks).</summary>
internal static class RunnerProcess
{
    /// <summary><c>dotnet /abs/MultiLabelContrastive.Runner.dll</c>, or the apphost's absolute path.</summary>
    public static string[] Command()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(RunnerProcess).Assembly.Location]
            : [process];
    }
}
