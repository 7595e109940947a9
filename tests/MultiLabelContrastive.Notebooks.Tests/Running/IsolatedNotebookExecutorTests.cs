using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;

namespace MultiLabelContrastive.Notebooks.Tests.Running;

/// <summary>The parent side of process isolation, against stand-in workers (bash scripts) that replay a real worker's
/// output, crash with SIGABRT as libtorch does, or hang.</summary>
public sealed class IsolatedNotebookExecutorTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlc-isolated-").FullName;

    private sealed class Recorder : INotebookObserver
    {
        public List<string> Events { get; } = [];

        public void NotebookStarting(string name, int codeCells) => Events.Add($"start {name} {codeCells}");

        public void CellStarting(string name, int cellNumber, int codeCellIndex, int codeCells) => Events.Add($"cell {cellNumber}");

        public void CellFinished(string name, int cellNumber, CellExecutionResult result) => Events.Add($"done {cellNumber} {result.Status}");

        public void NotebookFinished(NotebookRunResult result) => Events.Add($"end {result.Status}");
    }

    private string Script(string name, string body)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n# args: notebook-worker NOTEBOOK CHECKPOINT RESULT [options]\nset -u\n" + body);
        return path;
    }

    [Fact]
    public async Task Worker_output_is_replayed_into_the_same_result_as_an_in_process_run()
    {
        var notebook = Path.Combine(_folder, "ok.ipynb");
        FixtureNotebooks.Build(
            FixtureNotebooks.Code("var Quick = false;", "parameters"),
            FixtureNotebooks.Code("Console.WriteLine(Quick);\nthrow new Exception(\"stop here\");"),
            FixtureNotebooks.Code("1")).Save(notebook);
        var options = new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["Quick"] = "true" } };
        var recorded = Path.Combine(_folder, "recorded");
        Directory.CreateDirectory(recorded);
        var events = new StringWriter();
        var args = NotebookWorker.Arguments(notebook, Path.Combine(recorded, "checkpoint.ipynb"), Path.Combine(recorded, "result.json"), options);
        Assert.Equal(0, await NotebookWorker.RunWorkerAsync(args, events, CancellationToken.None));
        File.WriteAllText(Path.Combine(recorded, "events.txt"), events.ToString());
        var replay = Script("replay.sh", $"[ \"$1\" = notebook-worker ] || exit 9\ncat '{recorded}/events.txt'\necho 'not an event: ignored'\ncp '{recorded}/checkpoint.ipynb' \"$3\"\ncp '{recorded}/result.json' \"$4\"\n");
        var observer = new Recorder();

        var result = await new IsolatedNotebookExecutor(["bash", replay], options).ExecuteFileAsync(notebook, observer);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(3, result.FailedCellNumber);
        Assert.Equal("Exception", result.Error!.EName);
        Assert.Equal("cell 3: stop here", result.Error.EValue);
        Assert.Equal(3, result.CellsExecuted);
        Assert.Equal(4, result.CodeCells);
        Assert.Equal("True\n", ((StreamOutput)result.Executed!.Cells[2].Outputs[0]).Text);
        Assert.Equal(["start ok 4", "cell 1", "done 1 Completed", "cell 2", "done 2 Completed", "cell 3", "done 3 Failed", "end Failed"], observer.Events);
    }

    [Fact]
    public async Task Native_abort_keeps_earlier_outputs_and_reports_the_crashing_cell_with_stderr()
    {
        var notebook = Path.Combine(_folder, "crash.ipynb");
        var checkpoint = FixtureNotebooks.Build(
            FixtureNotebooks.Code("var a = 1;"),
            FixtureNotebooks.Code("torch.ones(3, 4).matmul(torch.ones(5, 6))"),
            FixtureNotebooks.Code("2"));
        checkpoint.Cells[0].ExecutionCount = 1;
        checkpoint.Cells[0].Outputs.Add(new StreamOutput("stdout", "before the crash\n"));
        checkpoint.Cells[0].Metadata["executor"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "completed" };
        checkpoint.Cells[1].Metadata["executor"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "running" };
        checkpoint.Save(notebook);
        var crash = Script("crash.sh",
            "cp \"$2\" \"$3\"\n" +
            "echo '##mlc-event {\"event\":\"notebook-starting\",\"code_cells\":3}'\n" +
            "echo '##mlc-event {\"event\":\"cell-starting\",\"cell\":2,\"index\":2,\"code_cells\":3}'\n" +
            "echo \"terminate called after throwing an instance of 'c10::Error'\" >&2\n" +
            "echo '  what():  mat1 and mat2 shapes cannot be multiplied (3x4 and 5x6)' >&2\n" +
            "for i in $(seq 1 60); do echo \"frame #$i: somewhere\" >&2; done\n" +
            "kill -ABRT $$\n");
        var observer = new Recorder();

        var result = await new IsolatedNotebookExecutor(["bash", crash]).ExecuteFileAsync(notebook, observer);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(2, result.FailedCellNumber);
        Assert.Equal("ProcessCrashed", result.Error!.EName);
        Assert.Equal("cell 2: the process ended abnormally with exit code 134 (SIGABRT: aborted, e.g. by an error inside libtorch)", result.Error.EValue);
        Assert.Contains("      what():  mat1 and mat2 shapes cannot be multiplied (3x4 and 5x6)", result.Error.Traceback);
        Assert.Contains("    frame #60: somewhere", result.Error.Traceback);
        Assert.True(result.Error.Traceback.Contains("    …"), string.Join("\n", result.Error.Traceback));
        var cells = result.Executed!.Cells;
        Assert.Equal(new StreamOutput("stdout", "before the crash\n"), Assert.Single(cells[0].Outputs));
        Assert.Equal(result.Error, Assert.Single(cells[1].Outputs));
        Assert.Equal("crashed", cells[1].Metadata["executor"]!["status"]!.GetValue<string>());
        Assert.Equal("skipped", cells[2].Metadata["executor"]!["status"]!.GetValue<string>());
        Assert.Equal(["start crash 3", "cell 2", "done 2 Failed", "end Failed"], observer.Events);
    }

    [Fact]
    public async Task Watchdog_kills_a_worker_whose_cell_overruns_the_timeout()
    {
        var notebook = Path.Combine(_folder, "hang.ipynb");
        FixtureNotebooks.Build(FixtureNotebooks.Code("while (true) { }")).Save(notebook);
        var hang = Script("hang.sh",
            "echo '##mlc-event {\"event\":\"cell-starting\",\"cell\":1,\"index\":1,\"code_cells\":1}'\n" +
            "sleep 60\n");
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromMilliseconds(500) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await new IsolatedNotebookExecutor(["bash", hang], options, watchdogGrace: TimeSpan.FromMilliseconds(500)).ExecuteFileAsync(notebook);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal("ProcessKilled", result.Error!.EName);
        Assert.Contains("without stopping", result.Error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_command_must_name_a_program()
    {
        var error = Assert.Throws<ArgumentException>(() => new IsolatedNotebookExecutor([]));

        Assert.Equal("workerCommand", error.ParamName);
    }
}

/// <summary>Process isolation end to end: real child processes (this test assembly in worker mode) running the engine.</summary>
public sealed class IsolatedWorkerProcessTests
{
    [Fact]
    public async Task Real_worker_process_runs_the_notebook_and_a_fail_fast_abort_is_reported_with_earlier_outputs()
    {
        var folder = Directory.CreateTempSubdirectory("mlc-worker-e2e-").FullName;
        var path = Path.Combine(folder, "abort.ipynb");
        FixtureNotebooks.Build(
            FixtureNotebooks.Code("var Quick = false;", "parameters"),
            FixtureNotebooks.Code("Console.WriteLine($\"quick={Quick}\");\ndisplay(6 * 7);"),
            FixtureNotebooks.Code("Console.Error.WriteLine(\"native trouble ahead\");\nEnvironment.FailFast(\"simulated native abort\");"),
            FixtureNotebooks.Code("1")).Save(path);
        var options = new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["Quick"] = "true" } };

        var result = await new IsolatedNotebookExecutor(WorkerEntryPoint.Command(), options).ExecuteFileAsync(path);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(4, result.FailedCellNumber);
        Assert.Equal("ProcessCrashed", result.Error!.EName);
        Assert.StartsWith("cell 4: the process ended abnormally with exit code 134", result.Error.EValue, StringComparison.Ordinal);
        Assert.Contains(result.Error.Traceback, l => l.Contains("simulated native abort", StringComparison.Ordinal));
        var cells = result.Executed!.Cells;
        Assert.True(cells[1].HasTag("injected-parameters"));
        Assert.Equal(new StreamOutput("stdout", "quick=True\n"), cells[2].Outputs[0]);
        Assert.Equal("42", Assert.IsType<DisplayDataOutput>(cells[2].Outputs[1]).Data.GetText("text/plain"));
        Assert.Equal("skipped", cells[4].Metadata["executor"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Real_worker_process_result_matches_the_in_process_result()
    {
        var folder = Directory.CreateTempSubdirectory("mlc-worker-e2e-").FullName;
        var path = Path.Combine(folder, "ok.ipynb");
        FixtureNotebooks.Build(
            FixtureNotebooks.Markdown("# Title"),
            FixtureNotebooks.Code("var xs = new[] { 1, 2, 3 };"),
            FixtureNotebooks.Code("xs.Sum()")).Save(path);

        var isolated = await new IsolatedNotebookExecutor(WorkerEntryPoint.Command()).ExecuteFileAsync(path);
        var inProcess = await new NotebookExecutor().ExecuteFileAsync(path);

        Assert.Equal(NotebookStatus.Succeeded, isolated.Status);
        Assert.Equal(inProcess.CellsExecuted, isolated.CellsExecuted);
        Assert.Equal(
            inProcess.Executed!.Cells.Select(c => string.Join("|", c.Outputs.Select(o => o.OutputType))),
            isolated.Executed!.Cells.Select(c => string.Join("|", c.Outputs.Select(o => o.OutputType))));
        Assert.Equal("6", ((ExecuteResultOutput)isolated.Executed.Cells[2].Outputs[0]).Data.GetText("text/plain"));
    }
}
