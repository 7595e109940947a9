using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Report;

namespace MultiLabelContrastive.Notebooks.Tests.Formatting;

public sealed class RunSummaryTests
{
    [Fact]
    public void The_formatter_gives_the_json_contract_html_badges_and_a_plain_line()
    {
        var bundle = MimeFormatter.Default.Format(new RunSummary("Default", " real ", "paper's", "yeast, 5 seeds"));

        Assert.Equal([MimeTypes.RunSummaryJson, MimeTypes.Html, MimeTypes.PlainText], bundle.MimeTypes);
        Assert.Equal("application/vnd.mlc.run-summary+json", MimeTypes.RunSummaryJson);
        var json = bundle.GetJson(MimeTypes.RunSummaryJson)!.AsObject();
        Assert.Equal(["mode", "data", "encoder", "detail"], json.Select(p => p.Key));
        Assert.Equal(["default", "real", "paper's", "yeast, 5 seeds"], json.Select(p => p.Value!.GetValue<string>()));
        Assert.Equal("mode default · data real · encoder paper's (yeast, 5 seeds)", bundle.GetText(MimeTypes.PlainText));
        var html = bundle.GetText(MimeTypes.Html)!;
        Assert.Contains("<span class=\"run-mode\" data-value=\"default\"", html, StringComparison.Ordinal);
        Assert.Contains("encoder: paper&#39;s</span>", html, StringComparison.Ordinal);
        Assert.Contains(">yeast, 5 seeds</span>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slow", "real", "none", "Mode 'slow' is not one of: quick, default, full")]
    [InlineData("quick", "synthetic", "none", "Data 'synthetic' is not one of: real, surrogate, mixed, none")]
    [InlineData("quick", "real", "roberta", "Encoder 'roberta' is not one of: paper's, stand-in, none")]
    public void Words_outside_the_contract_are_refused_naming_the_field(string mode, string data, string encoder, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new RunSummary(mode, data, encoder));

        Assert.StartsWith("Run summary " + message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_reads_back_and_malformed_json_is_a_format_error()
    {
        var summary = new RunSummary("quick", "mixed", "stand-in");

        Assert.Equal(summary, RunSummary.FromJson(JsonNode.Parse(summary.ToJson().ToJsonString())));
        Assert.Null(summary.Detail);
        Assert.Contains("must be a JSON object", Assert.Throws<FormatException>(() => RunSummary.FromJson(JsonNode.Parse("[1]"))).Message, StringComparison.Ordinal);
        Assert.Contains("\"data\" must be a string (got nothing)", Assert.Throws<FormatException>(() => RunSummary.FromJson(JsonNode.Parse("""{"mode":"quick","encoder":"none"}"""))).Message, StringComparison.Ordinal);
        Assert.Contains("Mode '3' is not one of", Assert.Throws<FormatException>(() => RunSummary.FromJson(JsonNode.Parse("""{"mode":"3","data":"none","encoder":"none"}"""))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_takes_the_first_summary_and_names_the_cell_of_a_malformed_one()
    {
        var good = new RunSummary("full", "real", "paper's");
        var notebook = new Notebook();
        notebook.Cells.Add(new NotebookCell(CellKind.Markdown, "# t"));
        var plain = new NotebookCell(CellKind.Code, "1");
        plain.Outputs.Add(new ExecuteResultOutput(1, new MimeBundle().SetText(MimeTypes.PlainText, "1")));
        notebook.Cells.Add(plain);
        var shown = new NotebookCell(CellKind.Code, "display(...)");
        shown.Outputs.Add(new DisplayDataOutput(good.ToMimeBundle()));
        shown.Outputs.Add(new DisplayDataOutput(new RunSummary("quick", "none", "none").ToMimeBundle()));
        notebook.Cells.Add(shown);

        Assert.Equal((good, null), NotebookPage.RunSummaryOf(notebook));
        Assert.Equal((null, null), NotebookPage.RunSummaryOf(new Notebook()));
        Assert.Equal((null, null), NotebookPage.RunSummaryOf(null));

        plain.Outputs.Add(new DisplayDataOutput(new MimeBundle().SetJson(MimeTypes.RunSummaryJson, JsonNode.Parse("""{"mode":"quick"}""")!)));
        var (summary, problem) = NotebookPage.RunSummaryOf(notebook);
        Assert.Null(summary);
        Assert.StartsWith("cell 2: invalid run summary: A run summary's \"data\" must be a string", problem, StringComparison.Ordinal);
    }
}
