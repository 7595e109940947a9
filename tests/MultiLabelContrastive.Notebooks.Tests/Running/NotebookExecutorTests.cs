using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;

namespace MultiLabelContrastive.Notebooks.Tests.Running;

public sealed class NotebookExecutorTests
{
    private static string TempFolder() => Directory.CreateTempSubdirectory("mlc-nb-").FullName;

    [Fact]
    public async Task Cell_timeout_stops_the_notebook_with_a_timeout_error()
    {
        var path = FixtureNotebooks.WriteTimeout(TempFolder());
        var executor = new NotebookExecutor(new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(4) });

        var result = await executor.ExecuteFileAsync(path);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(1, result.FailedCellNumber);
        Assert.Equal("CellTimeout", result.Error!.EName);
        Assert.Equal("cell 1 ran longer than its time limit of 4 s and was stopped", result.Error.EValue);
        Assert.Equal("timed-out", result.Executed!.Cells[0].Metadata["executor"]!["status"]!.GetValue<string>());
        Assert.Equal("skipped", result.Executed.Cells[1].Metadata["executor"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Parameter_value_of_the_wrong_type_fails_at_the_injected_cell()
    {
        var folder = TempFolder();
        var path = Path.Combine(folder, "p.ipynb");
        FixtureNotebooks.Build(
            FixtureNotebooks.Code("int Epochs = 10;\nvar Quick = false;", "parameters"),
            FixtureNotebooks.Code("Epochs")).Save(path);
        var executor = new NotebookExecutor(new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["Epochs"] = "ten" } });

        var result = await executor.ExecuteFileAsync(path);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(2, result.FailedCellNumber);
        Assert.Equal("ParameterError", result.Error!.EName);
        Assert.Equal("--param Epochs=ten: 'ten' is not a valid int. The default of Epochs in the parameters cell is of type int.", result.Error.EValue);
    }

    [Fact]
    public async Task Parameters_without_a_parameters_cell_are_a_warning()
    {
        var folder = TempFolder();
        var path = Path.Combine(folder, "noparams.ipynb");
        FixtureNotebooks.Build(FixtureNotebooks.Code("1 + 1")).Save(path);
        var executor = new NotebookExecutor(new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["Quick"] = "true" } });

        var result = await executor.ExecuteFileAsync(path);

        Assert.Equal(NotebookStatus.Succeeded, result.Status);
        Assert.Equal("no cell is tagged 'parameters'; ignored: Quick=true", Assert.Single(result.Warnings));
        Assert.Single(result.Executed!.Cells);
    }

    [Fact]
    public async Task Re_executing_an_executed_notebook_replaces_outputs_and_the_old_injected_cell()
    {
        var folder = TempFolder();
        var path = Path.Combine(folder, "again.ipynb");
        FixtureNotebooks.Build(
            FixtureNotebooks.Code("var Quick = false;", "parameters"),
            FixtureNotebooks.Code("Quick")).Save(path);
        var executor = new NotebookExecutor(new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["Quick"] = "true" } });
        var first = await executor.ExecuteFileAsync(path);
        first.Executed!.Save(path);

        var second = await executor.ExecuteFileAsync(path);

        Assert.Equal(3, second.Executed!.Cells.Count);
        Assert.Single(second.Executed.Cells, c => c.HasTag("injected-parameters"));
        Assert.Equal("true", ((ExecuteResultOutput)Assert.Single(second.Executed.Cells[2].Outputs)).Data.GetText("text/plain"));
    }

    [Fact]
    public async Task Fail_fast_marks_the_remaining_notebooks_not_run()
    {
        var folder = TempFolder();
        FixtureNotebooks.Build(FixtureNotebooks.Code("throw new Exception(\"first fails\");")).Save(Path.Combine(folder, "a.ipynb"));
        FixtureNotebooks.Build(FixtureNotebooks.Code("1")).Save(Path.Combine(folder, "b.ipynb"));

        var batch = await NotebookBatch.RunAsync(
            NotebookBatch.FindNotebooks([folder]),
            new BatchOptions { OutputDirectory = Path.Combine(folder, "out"), FailFast = true });

        Assert.Equal([NotebookStatus.Failed, NotebookStatus.NotRun], batch.Results.Select(r => r.Status));
        Assert.False(File.Exists(Path.Combine(folder, "out", "notebooks", "b.ipynb")));
        Assert.Contains("not run", await File.ReadAllTextAsync(batch.ReportIndexPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_notebook_fails_with_the_reason_and_the_batch_goes_on()
    {
        var folder = TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "a-broken.ipynb"), "{ \"nbformat\": 3, \"cells\": [] }");
        FixtureNotebooks.Build(FixtureNotebooks.Code("1")).Save(Path.Combine(folder, "b-fine.ipynb"));

        var batch = await NotebookBatch.RunAsync(NotebookBatch.FindNotebooks([folder]), new BatchOptions { OutputDirectory = Path.Combine(folder, "out") });

        Assert.Equal([NotebookStatus.Failed, NotebookStatus.Succeeded], batch.Results.Select(r => r.Status));
        Assert.Contains("only nbformat 4", batch.Results[0].Error!.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_notebooks_orders_folders_by_name_and_rejects_missing_paths()
    {
        var folder = TempFolder();
        foreach (var name in new[] { "10-b.ipynb", "02-a.ipynb", "01-z.ipynb" })
        {
            FixtureNotebooks.Build().Save(Path.Combine(folder, name));
        }

        Assert.Equal(["01-z.ipynb", "02-a.ipynb", "10-b.ipynb"], NotebookBatch.FindNotebooks([folder]).Select(Path.GetFileName));
        Assert.Throws<FileNotFoundException>(() => NotebookBatch.FindNotebooks([Path.Combine(folder, "missing")]));
        Assert.Throws<ArgumentException>(() => NotebookBatch.FindNotebooks([TempFolder()]));
    }

    [Fact]
    public async Task Relative_paths_in_cells_resolve_against_the_notebook_folder()
    {
        var folder = TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "data.txt"), "hello from the notebook folder");
        var path = Path.Combine(folder, "cwd.ipynb");
        FixtureNotebooks.Build(FixtureNotebooks.Code("File.ReadAllText(\"data.txt\")")).Save(path);

        var result = await new NotebookExecutor().ExecuteFileAsync(path);

        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Executed!.Cells[0].Outputs));
        Assert.Equal("hello from the notebook folder", output.Data.GetText("text/plain"));
        Assert.Equal(CellStatus.Completed.ToString().ToLowerInvariant(), result.Executed.Cells[0].Metadata["executor"]!["status"]!.GetValue<string>());
    }
}
