using System.Diagnostics;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;

namespace MultiLabelContrastive.Notebooks.Tests.Model;

/// <summary>The executed notebooks against the official nbformat 4.5 JSON schema, checked by Python's jsonschema
/// (the validator nbformat itself uses), not by our own code.</summary>
[Collection(BatchRunCollection.Name)]
public sealed class NbformatSchemaTests(BatchRunFixture run)
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "TestData");

    [Fact]
    public void Executed_notebooks_are_valid_nbformat_4_5()
    {
        var notebooks = Directory.GetFiles(run.Result.ExecutedNotebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, notebooks.Length);

        var (exitCode, output) = Validate(notebooks);

        Assert.True(exitCode == 0, output);
        Assert.Contains("validated 3 notebook(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_rejects_a_notebook_that_breaks_the_schema()
    {
        var valid = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Result.ExecutedNotebooksDirectory, FixtureNotebooks.Failing + ".ipynb")))!;
        var broken = valid.DeepClone();
        broken["cells"]![1]!["execution_count"] = "one";                   // must be an integer or null
        broken["cells"]![2]!["outputs"]![0]!["traceback"] = "not a list";  // must be an array of strings
        broken["cells"]![0]!["id"] = "bad id!";                            // must match ^[a-zA-Z0-9-_]+$
        var path = Path.Combine(Directory.CreateTempSubdirectory("mlc-schema-").FullName, "broken.ipynb");
        File.WriteAllText(path, broken.ToJsonString());

        var (exitCode, output) = Validate([path]);

        Assert.Equal(1, exitCode);
        Assert.Contains("cells/1/execution_count", output, StringComparison.Ordinal);
        Assert.Contains("cells/2/outputs/0", output, StringComparison.Ordinal);
        Assert.Contains("cells/0/id", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Validate(IEnumerable<string> notebooks)
    {
        var python = FindPythonWithJsonSchema()
            ?? throw new InvalidOperationException("No python3 with the jsonschema module: install Debian's python3-jsonschema (.ci/install-prerequisites.sh does).");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(TestData, "validate_nbformat.py"));
        start.ArgumentList.Add(Path.Combine(TestData, "nbformat.v4.5.schema.json"));
        foreach (var notebook in notebooks)
        {
            start.ArgumentList.Add(notebook);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? FindPythonWithJsonSchema()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import jsonschema"]) { RedirectStandardError = true })!;
                probe.StandardError.ReadToEnd();
                probe.WaitForExit();
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }

        return null;
    }
}
