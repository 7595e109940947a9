using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Notebooks.Tests;

/// <summary>Lets the test assembly run as a notebook worker child process (the test runner itself never calls Main).</summary>
public static class WorkerEntryPoint
{
    public static async Task<int> Main(string[] args) =>
        args.Length > 0 && args[0] == NotebookWorker.Command ? await NotebookWorker.MainAsync(args) : 0;

    /// <summary>The command that starts this assembly as a worker.</summary>
    public static IReadOnlyList<string> Command()
    {
        var assembly = typeof(WorkerEntryPoint).Assembly.Location;
        return ["dotnet", assembly];
    }
}
