using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;

namespace MultiLabelContrastive.Notebooks.Tests.Running;

[Collection(BatchRunCollection.Name)]
public sealed class NotebookBatchTests(BatchRunFixture run)
{
    private NotebookCell[] CodeCells(string name) => run[name].Executed!.Cells.Where(c => c.Kind == CellKind.Code).ToArray();

    private static IEnumerable<MimeBundle> Bundles(NotebookCell cell) => cell.Outputs.Select(o => o switch
    {
        DisplayDataOutput d => d.Data,
        ExecuteResultOutput r => r.Data,
        _ => null,
    }).OfType<MimeBundle>();

    [Fact]
    public void Notebooks_run_in_name_order_and_failures_do_not_stop_the_others()
    {
        Assert.Equal([FixtureNotebooks.Outputs, FixtureNotebooks.Failing, FixtureNotebooks.CompileError], run.Result.Results.Select(r => r.Name));
        Assert.Equal([NotebookStatus.Succeeded, NotebookStatus.Failed, NotebookStatus.Failed], run.Result.Results.Select(r => r.Status));
        Assert.False(run.Result.Succeeded);
    }

    [Fact]
    public void Executed_notebooks_report_and_summary_are_written()
    {
        foreach (var name in new[] { FixtureNotebooks.Outputs, FixtureNotebooks.Failing, FixtureNotebooks.CompileError })
        {
            var written = Notebook.Load(Path.Combine(run.Result.ExecutedNotebooksDirectory, name + ".ipynb"));
            Assert.Equal(run[name].Executed!.Cells.Count, written.Cells.Count);
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(run.Result.ReportIndexPath)!, name + ".html")));
        }

        var summary = JsonNode.Parse(File.ReadAllText(run.Result.SummaryPath))!;
        Assert.False(summary["succeeded"]!.GetValue<bool>());
        Assert.Equal(["Succeeded", "Failed", "Failed"], summary["notebooks"]!.AsArray().Select(n => n!["status"]!.GetValue<string>()));
        Assert.Equal(3, summary["notebooks"]![1]!["failed_cell"]!.GetValue<int>());
    }

    [Fact]
    public void The_index_and_page_header_show_the_first_run_summary_of_the_executed_notebook()
    {
        var folder = Path.GetDirectoryName(run.Result.ReportIndexPath)!;
        var index = File.ReadAllText(run.Result.ReportIndexPath);
        var rows = System.Text.RegularExpressions.Regex.Matches(index, "<tr><td class=\"num\">.*?</tr>").Select(m => m.Value).ToList();

        Assert.Contains("<th>mode</th><th>data</th><th>encoder</th>", index, StringComparison.Ordinal);
        Assert.Equal(3, rows.Count);
        // Quick comes from the command line (the fixture run is quick), so the summary reflects the executed run.
        Assert.Contains("<td class=\"run-mode run-caveat\" data-value=\"quick\" title=\"fixture data\">quick</td>", rows[0], StringComparison.Ordinal);
        Assert.Contains("<td class=\"run-data run-caveat\" data-value=\"surrogate\" title=\"fixture data\">surrogate</td>", rows[0], StringComparison.Ordinal);
        Assert.Contains("<td class=\"run-encoder run-caveat\" data-value=\"stand-in\" title=\"fixture data\">stand-in</td>", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("paper&#39;s", rows[0], StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(rows[1], "<td class=\"run-none\" title=\"the notebook displayed no run summary\">—</td>").Count);

        var page = File.ReadAllText(Path.Combine(folder, FixtureNotebooks.Outputs + ".html"));
        var header = page[..page.IndexOf("</header>", StringComparison.Ordinal)];
        Assert.Contains("<div class=\"run-line\"><span class=\"run-summary\"", header, StringComparison.Ordinal);
        Assert.Contains("mode: quick</span>", header, StringComparison.Ordinal);
        Assert.DoesNotContain("run-line", File.ReadAllText(Path.Combine(folder, FixtureNotebooks.Failing + ".html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_overrides_are_injected_after_the_parameters_cell_typed_by_the_defaults()
    {
        var cells = run[FixtureNotebooks.Outputs].Executed!.Cells;
        var parameters = cells.FindIndex(c => c.HasTag("parameters"));
        var injected = cells[parameters + 1];

        Assert.True(injected.HasTag("injected-parameters"));
        Assert.Contains("Rate = 0.125d;", injected.Source, StringComparison.Ordinal);
        Assert.Contains("Label = \"from the command line\";", injected.Source, StringComparison.Ordinal);
        Assert.Contains("Quick = true;", injected.Source, StringComparison.Ordinal);
        Assert.Contains("// Nope is not declared by the parameters cell; ignored", injected.Source, StringComparison.Ordinal);
        Assert.Contains(run[FixtureNotebooks.Outputs].Warnings, w => w.Contains("Nope=1 ignored", StringComparison.Ordinal));
        var printed = Assert.IsType<StreamOutput>(Assert.Single(cells[parameters + 2].Outputs));
        Assert.Equal("epochs=2 rate=0.125 label=from the command line\n", printed.Text);
    }

    [Fact]
    public void Execution_counts_run_from_one_and_cells_carry_timing_metadata()
    {
        var cells = CodeCells(FixtureNotebooks.Outputs);

        Assert.Equal(Enumerable.Range(1, cells.Length), cells.Select(c => c.ExecutionCount!.Value));
        foreach (var cell in cells)
        {
            Assert.NotNull(cell.Metadata["execution"]?["iopub.execute_input"]?.GetValue<string>());
            Assert.NotNull(cell.Metadata["execution"]?["shell.execute_reply"]?.GetValue<string>());
            Assert.Equal("completed", cell.Metadata["executor"]!["status"]!.GetValue<string>());
            Assert.True(cell.Metadata["executor"]!["duration"]!.GetValue<double>() >= 0);
        }

        Assert.Equal("succeeded", run[FixtureNotebooks.Outputs].Executed!.Metadata["executor"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void Charts_are_plotly_json_with_a_light_html_fallback_and_no_inlined_plotly_js()
    {
        var charts = run[FixtureNotebooks.Outputs].Executed!.Cells.SelectMany(Bundles).Where(b => b.Contains(MimeTypes.PlotlyJson)).ToList();

        Assert.Equal(FixtureNotebooks.OutputsChartCount, charts.Count);
        Assert.Equal(["scatter", "bar", "scatter"], charts.Select(c => c.GetJson(MimeTypes.PlotlyJson)!["data"]![0]!["type"]!.GetValue<string>()));
        Assert.Equal([1.0, 4, 9, 16], charts[0].GetJson(MimeTypes.PlotlyJson)!["data"]![0]!["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.All(charts, c => Assert.Contains("plotly-fallback", c.GetText(MimeTypes.Html), StringComparison.Ordinal));
        var ipynb = File.ReadAllText(Path.Combine(run.Result.ExecutedNotebooksDirectory, FixtureNotebooks.Outputs + ".ipynb"));
        Assert.True(ipynb.Length < 300_000, $"executed notebook is {ipynb.Length} characters: plotly.js must not be inlined");
        Assert.DoesNotContain("plotly.js v", ipynb, StringComparison.Ordinal);
        Assert.All(charts, c => Assert.Contains("kernelspecs/mlc-csharp/plotly.min.js", c.GetText(MimeTypes.Html), StringComparison.Ordinal));
    }

    [Fact]
    public void Records_frames_and_series_are_html_tables()
    {
        var cells = CodeCells(FixtureNotebooks.Outputs);
        var records = Bundles(cells.Single(c => c.Source.StartsWith("record Row", StringComparison.Ordinal))).Single();
        var deedle = Bundles(cells.Single(c => c.Source.StartsWith("var frame", StringComparison.Ordinal))).ToList();

        Assert.Contains("<th>Name</th><th>Value</th>", records.GetText(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Contains("<td>gamma</td><td>0.125</td>", records.GetText(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Equal(2, deedle.Count);
        Assert.Contains("<th>Name</th><th>Value</th>", deedle[0].GetText(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Contains("<td>beta</td><td>2.25</td>", deedle[0].GetText(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Contains("<th>key</th><th>value</th>", deedle[1].GetText(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Contains("<td>1.5</td>", deedle[1].GetText(MimeTypes.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void Images_html_matrices_numbers_strings_and_streams_have_their_mime_types()
    {
        var cells = CodeCells(FixtureNotebooks.Outputs);
        var pngBytes = File.ReadAllBytes(Path.Combine(run.NotebookFolder, "pixel.png"));
        var images = Bundles(cells.Single(c => c.Source.Contains("PngImage", StringComparison.Ordinal))).ToList();
        var mixed = cells.Single(c => c.Source.Contains("HtmlContent", StringComparison.Ordinal));
        var mixedBundles = Bundles(mixed).ToList();

        Assert.Equal(2, images.Count);
        Assert.All(images, b => Assert.Equal(pngBytes, Convert.FromBase64String(b.GetText(MimeTypes.Png)!)));
        Assert.Equal("PNG image 24×16", images[0].GetText(MimeTypes.PlainText));
        Assert.Equal("<b class='custom-html'>bold</b>", mixedBundles[0].GetText(MimeTypes.Html));
        Assert.Contains("<td>0.25</td><td>1</td>", mixedBundles[1].GetText(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Contains(mixed.Outputs, o => o is StreamOutput { Name: "stderr", Text: "a warning on stderr\n" });
        var result = Assert.IsType<ExecuteResultOutput>(mixed.Outputs[^1]);
        Assert.Equal("3.5", result.Data.GetText(MimeTypes.PlainText));
        Assert.Equal(["text/plain"], result.Data.MimeTypes);
        Assert.Equal("done", Bundles(cells[^1]).Single().GetText(MimeTypes.PlainText));
    }

    [Fact]
    public void Failing_cell_gives_an_error_output_with_cell_number_and_later_cells_are_skipped()
    {
        var result = run[FixtureNotebooks.Failing];
        var cells = result.Executed!.Cells;

        Assert.Equal(3, result.FailedCellNumber);
        Assert.Equal("InvalidOperationException", result.Error!.EName);
        Assert.Equal("cell 3: deliberate failure", result.Error.EValue);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(cells[2].Outputs));
        Assert.Contains(error.Traceback, l => l.Contains("in cell 3, line 1", StringComparison.Ordinal));
        Assert.Contains(error.Traceback, l => l.Contains("in cell 3, line 2", StringComparison.Ordinal));
        Assert.Empty(cells[3].Outputs);
        Assert.Null(cells[3].ExecutionCount);
        Assert.Equal("skipped", cells[3].Metadata["executor"]!["status"]!.GetValue<string>());
        Assert.Equal(2, result.CellsExecuted);
        Assert.Equal(3, result.CodeCells);
    }

    [Fact]
    public void Compile_error_names_the_cell_and_line()
    {
        var result = run[FixtureNotebooks.CompileError];

        Assert.Equal(2, result.FailedCellNumber);
        Assert.Equal("CompilationError", result.Error!.EName);
        Assert.Equal("cell 2, line 2, column 5: CS0103: The name 'undefinedName' does not exist in the current context", result.Error.EValue);
    }
}
