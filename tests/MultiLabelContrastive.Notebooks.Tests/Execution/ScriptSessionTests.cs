using System.Runtime.Loader;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Tests.Execution;

public sealed class ScriptSessionTests : IDisposable
{
    private readonly ScriptSession _session = new(new ScriptSessionOptions { BaseDirectory = Path.GetTempPath(), SourceName = "test.ipynb" });

    public void Dispose() => _session.Dispose();

    private static string Plain(CellOutput output) => output switch
    {
        ExecuteResultOutput r => r.Data.GetText(MimeTypes.PlainText)!,
        DisplayDataOutput d => d.Data.GetText(MimeTypes.PlainText)!,
        StreamOutput s => s.Text,
        ErrorOutput e => e.EValue,
        _ => "",
    };

    [Fact]
    public async Task State_variables_and_types_are_shared_across_cells()
    {
        var first = await _session.ExecuteAsync("var answer = 41;\nrecord Point(int X, int Y);", "cell 1");
        var second = await _session.ExecuteAsync("answer + new Point(1, 0).X", "cell 2");

        Assert.Equal(CellStatus.Completed, first.Status);
        Assert.Empty(first.Outputs);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(second.Outputs));
        Assert.Equal("42", result.Data.GetText(MimeTypes.PlainText));
        Assert.Equal(2, result.ExecutionCount);
        Assert.Equal([1, 2], new[] { first.ExecutionCount, second.ExecutionCount });
        Assert.Contains(_session.Variables, v => v.Name == "answer" && v.Type == typeof(int) && (int)v.Value! == 41);
    }

    [Fact]
    public async Task Console_output_becomes_stream_outputs_in_order_with_displays()
    {
        var result = await _session.ExecuteAsync(
            "Console.WriteLine(\"one\");\nConsole.Write(\"two\\n\");\ndisplay(3);\nConsole.Error.WriteLine(\"oops\");\nConsole.WriteLine(\"four\");");

        Assert.Collection(
            result.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "one\ntwo\n"), o),
            o => Assert.Equal("3", Assert.IsType<DisplayDataOutput>(o).Data.GetText(MimeTypes.PlainText)),
            o => Assert.Equal(new StreamOutput("stderr", "oops\n"), o),
            o => Assert.Equal(new StreamOutput("stdout", "four\n"), o));
    }

    [Fact]
    public async Task Trailing_void_call_has_no_result_and_trailing_null_shows_null()
    {
        var voidCall = await _session.ExecuteAsync("Console.Write(\"\")");
        var nullValue = await _session.ExecuteAsync("string? s = null;\ns");
        var withSemicolon = await _session.ExecuteAsync("1 + 1;");

        Assert.Empty(voidCall.Outputs);
        Assert.Equal("null", Plain(Assert.Single(nullValue.Outputs)));
        Assert.Equal(CellStatus.Failed, withSemicolon.Status); // CS0201: only assignment, call, … can be used as a statement
    }

    [Fact]
    public async Task Compile_error_names_cell_line_column_and_code()
    {
        var result = await _session.ExecuteAsync("var a = 1;\nvar b = a + missing;\n", "cell 7");

        Assert.Equal(CellStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.Equal("cell 7, line 2, column 13: CS0103: The name 'missing' does not exist in the current context", error.EValue);
        Assert.Contains("    var b = a + missing;", error.Traceback);
        Assert.Contains("                ^", error.Traceback);
    }

    [Fact]
    public async Task Compile_error_column_is_that_of_the_cell_even_inside_instrumented_loops()
    {
        var result = await _session.ExecuteAsync("for (var i = 0; i < 2; i++) { var z = nope; }", "cell 2");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.StartsWith("cell 2, line 1, column 39: CS0103", error.EValue);
    }

    [Fact]
    public async Task Exception_gives_error_output_with_type_message_and_cell_line()
    {
        var result = await _session.ExecuteAsync(
            "int Divide(int a, int b) => b == 0 ? throw new InvalidOperationException(\"no zero\") : a / b;\nvar x = 1;\nDivide(x, 0)", "cell 3");

        Assert.Equal(CellStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("InvalidOperationException", error.EName);
        Assert.Equal("cell 3: no zero", error.EValue);
        Assert.Equal("cell 3 threw System.InvalidOperationException: no zero", error.Traceback[0]);
        Assert.Contains(error.Traceback, l => l.Contains("in cell 3, line 1", StringComparison.Ordinal));
        Assert.Contains(error.Traceback, l => l.Contains("in cell 3, line 3", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Traceback, l => l.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Variables_assigned_before_an_exception_survive_it()
    {
        await _session.ExecuteAsync("var kept = 5;\nthrow new Exception(\"x\");");
        var after = await _session.ExecuteAsync("kept * 2");

        Assert.Equal("10", Plain(Assert.Single(after.Outputs)));
    }

    [Fact]
    public async Task Infinite_loop_is_stopped_by_the_timeout_and_the_session_goes_on()
    {
        var result = await _session.ExecuteAsync("var n = 0L;\nwhile (true) n++;", "cell 4", timeout: TimeSpan.FromMilliseconds(300));
        var next = await _session.ExecuteAsync("6 * 7");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("CellTimeout", error.EName);
        Assert.Equal("cell 4 ran longer than its time limit of 0.3 s and was stopped", error.EValue);
        Assert.Null(_session.BrokenReason);
        Assert.Equal("42", Plain(Assert.Single(next.Outputs)));
    }

    [Fact]
    public async Task Cell_that_cannot_be_stopped_breaks_the_session()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { StopGracePeriod = TimeSpan.FromMilliseconds(300) });
        await session.ExecuteAsync("var warm = 1;"); // compiler warm, so that the time limit falls in Sleep, not in compilation
        var result = await session.ExecuteAsync("System.Threading.Thread.Sleep(10_000);", "cell 1", timeout: TimeSpan.FromSeconds(2));
        var next = await session.ExecuteAsync("1", "cell 2");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Contains("did not stop", Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs)).Traceback[0], StringComparison.Ordinal);
        Assert.NotNull(session.BrokenReason);
        Assert.Equal(CellStatus.Failed, next.Status);
        Assert.Equal("SessionBroken", Assert.IsType<ErrorOutput>(Assert.Single(next.Outputs)).EName);
    }

    [Fact]
    public async Task Interrupt_stops_a_running_loop()
    {
        var running = _session.ExecuteAsync("for (;;) { }", "cell 1");
        await Task.Delay(300);
        _session.Interrupt();
        var result = await running;

        Assert.Equal(CellStatus.Interrupted, result.Status);
        Assert.Equal("Interrupted", Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs)).EName);
    }

    [Fact]
    public async Task Nuget_directive_resolves_from_the_host_and_binds_to_the_host_copy()
    {
        var result = await _session.ExecuteAsync(
            "#r \"nuget: Deedle, 8.1.0\"\nvar asm = typeof(Deedle.Frame).Assembly;\nSystem.Runtime.Loader.AssemblyLoadContext.GetLoadContext(asm)!.Name + \"|\" + asm.Location");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal($"Default|{typeof(Deedle.Frame).Assembly.Location}", Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Nuget_directive_with_another_version_than_the_host_is_a_clear_error()
    {
        var result = await _session.ExecuteAsync("#r \"nuget: Deedle, 7.0.1\"\n1", "cell 2");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("NuGetResolutionError", error.EName);
        Assert.Contains("cell 2, line 1", error.EValue, StringComparison.Ordinal);
        Assert.Contains("built with Deedle 8.1.0", error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_nuget_package_is_a_clear_error()
    {
        var result = await _session.ExecuteAsync("var a = 1;\n#r \"nuget: No.Such.Package.Anywhere, 1.2.3\"", "cell 5");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("NuGetResolutionError", error.EName);
        Assert.Contains("cell 5, line 2", error.EValue, StringComparison.Ordinal);
        Assert.Contains("package not found", error.EValue, StringComparison.Ordinal);
        Assert.Contains("does not download", error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_by_path_to_an_assembly_the_host_carries_uses_the_host_copy()
    {
        var result = await _session.ExecuteAsync(
            "#r \"../somewhere/bin/Release/Plotly.NET.dll\"\nSystem.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Plotly.NET.GenericChart).Assembly)!.Name");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal("Default", Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Reference_to_a_missing_file_is_a_compile_error_naming_it()
    {
        var result = await _session.ExecuteAsync("#r \"no/such/Library.dll\"", "cell 1");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.Contains("Library.dll", error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csharp_magic_is_ignored_and_other_magics_are_refused()
    {
        var ok = await _session.ExecuteAsync("#!csharp\n1 + 2");
        var fsharp = await _session.ExecuteAsync("#!fsharp\nlet x = 1", "cell 9");

        Assert.Equal("3", Plain(Assert.Single(ok.Outputs)));
        var error = Assert.IsType<ErrorOutput>(Assert.Single(fsharp.Outputs));
        Assert.Equal("UnsupportedCellMagic", error.EName);
        Assert.Contains("cell 9, line 1: cell magic #!fsharp is not supported", error.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_directive_runs_a_csx_file_next_to_the_notebook()
    {
        var folder = Directory.CreateTempSubdirectory("mlc-load-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "helpers.csx"), "static int Twice(int x) => 2 * x;\nvar loadedValue = 21;\n");
        using var session = new ScriptSession(new ScriptSessionOptions { BaseDirectory = folder });

        var result = await session.ExecuteAsync("#load \"helpers.csx\"\nTwice(loadedValue)");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal("42", Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Directive_after_code_in_the_same_cell_still_works()
    {
        var result = await _session.ExecuteAsync("var k = 2;\n#r \"System.Net.Http\"\nk + typeof(System.Net.Http.HttpClient).Name.Length");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal("12", Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Outputs_are_reported_as_they_happen()
    {
        var seen = new List<string>();
        var result = await _session.ExecuteAsync("Console.Write(\"a\");\ndisplay(\"b\");\n\"c\"", onOutput: o => seen.Add(o.OutputType));

        Assert.Equal(["stream", "display_data", "execute_result"], seen);
        Assert.Equal(3, result.Outputs.Count);
    }

    [Fact]
    public async Task Notebook_directory_is_available_to_cells()
    {
        var result = await _session.ExecuteAsync("NotebookDirectory");

        Assert.Equal(Path.GetFullPath(Path.GetTempPath()), Plain(Assert.Single(result.Outputs)));
    }
}
