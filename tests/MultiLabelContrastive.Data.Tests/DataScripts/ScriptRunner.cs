using MultiLabelContrastive.Data.Prepared;

namespace MultiLabelContrastive.Data.Tests.DataScripts;

/// <summary>Runs a data-scripts command in process and captures its exit code, output and error text.</summary>
internal static class ScriptRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = global::DataScripts.DataScriptsApp.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed and returns the manifest it wrote.</summary>
    public static PreparedManifest Ok(string outFolder, params string[] args)
    {
        var result = Run([.. args, "--out", outFolder]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        return PreparedDataset.ReadManifest(outFolder);
    }

    /// <summary>Runs a command that must fail; returns its error text and checks that nothing was written.</summary>
    public static string Fails(string outFolder, params string[] args)
    {
        var result = Run([.. args, "--out", outFolder]);
        Assert.True(result.ExitCode != 0, $"expected a failure\n{result.Output}");
        Assert.False(Directory.Exists(outFolder), "a failed run must leave no dataset");
        var parent = Path.GetDirectoryName(outFolder)!;
        if (Directory.Exists(parent))
            Assert.DoesNotContain(Directory.GetDirectories(parent), d => Path.GetFileName(d).Contains(".partial-"));
        return result.Error;
    }
}
