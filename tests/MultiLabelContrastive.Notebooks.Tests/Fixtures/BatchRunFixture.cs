using MultiLabelContrastive.Notebooks.Parameters;
using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Notebooks.Tests.Fixtures;

/// <summary>Runs the fixture notebooks once (quick, with parameter overrides) for all tests of the collection: the
/// executor tests, the schema validation and the browser test read the same artifacts.</summary>
public sealed class BatchRunFixture : IAsyncLifetime
{
    public string NotebookFolder { get; } = Path.Combine(AppContext.BaseDirectory, "fixture-notebooks");

    public string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "fixture-artifacts");

    public BatchResult Result { get; private set; } = null!;

    public NotebookRunResult this[string name] => Result.Results.Single(r => r.Name == name);

    public async Task InitializeAsync()
    {
        if (Directory.Exists(OutputFolder))
        {
            Directory.Delete(OutputFolder, recursive: true);
        }

        FixtureNotebooks.WriteBatch(NotebookFolder);
        var parameters = ParameterAssignments.WithQuick(
            ParameterAssignments.Parse(["Rate=0.125", "Label=from the command line", "Nope=1"]), quick: true);
        Result = await NotebookBatch.RunAsync(
            NotebookBatch.FindNotebooks([NotebookFolder]),
            new BatchOptions
            {
                OutputDirectory = OutputFolder,
                Run = new NotebookRunOptions { Parameters = parameters, CellTimeout = TimeSpan.FromMinutes(2) },
                ReportTitle = "Fixture notebooks",
            });
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class BatchRunCollection : ICollectionFixture<BatchRunFixture>
{
    public const string Name = "fixture batch run";
}
