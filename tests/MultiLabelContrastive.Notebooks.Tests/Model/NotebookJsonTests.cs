using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Tests.Model;

public sealed class NotebookJsonTests
{
    private const string Jupyter44 = """
        {
         "cells": [
          { "cell_type": "markdown", "metadata": {}, "source": "# Title\nText" },
          { "cell_type": "code", "execution_count": 3, "metadata": { "tags": ["parameters"] },
            "outputs": [
              { "output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"] },
              { "output_type": "execute_result", "execution_count": 3, "metadata": {},
                "data": { "text/plain": ["4"], "application/vnd.plotly.v1+json": { "data": [], "layout": {} } } },
              { "output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t1", "t2"] }
            ],
            "source": ["var x = 1;\n", "x + 3"] },
          { "cell_type": "raw", "metadata": {}, "source": [] },
          { "cell_type": "future-kind", "metadata": {}, "payload": 42 }
         ],
         "metadata": { "kernelspec": { "name": "k", "display_name": "K" }, "custom": { "b": 1, "a": 2 } },
         "nbformat": 4,
         "nbformat_minor": 4
        }
        """;

    [Fact]
    public void Reads_strings_or_line_arrays_outputs_and_tags()
    {
        var notebook = Notebook.Parse(Jupyter44);

        Assert.Equal(4, notebook.SourceFormatMinor);
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Raw, CellKind.Unrecognized], notebook.Cells.Select(c => c.Kind));
        var code = notebook.Cells[1];
        Assert.Equal("var x = 1;\nx + 3", code.Source);
        Assert.Equal(3, code.ExecutionCount);
        Assert.True(code.HasTag("parameters"));
        Assert.Equal(new StreamOutput("stdout", "a\nb\n"), code.Outputs[0]);
        var result = Assert.IsType<ExecuteResultOutput>(code.Outputs[1]);
        Assert.Equal("4", result.Data.GetText(MimeTypes.PlainText));
        Assert.NotNull(result.Data.GetJson(MimeTypes.PlotlyJson)!["layout"]);
        Assert.Equal(["t1", "t2"], Assert.IsType<ErrorOutput>(code.Outputs[2]).Traceback);
    }

    [Fact]
    public void Older_minor_versions_get_cell_ids_and_are_written_as_4_5()
    {
        var written = JsonNode.Parse(Notebook.Parse(Jupyter44).ToJson())!;

        Assert.Equal(4, written["nbformat"]!.GetValue<int>());
        Assert.Equal(5, written["nbformat_minor"]!.GetValue<int>());
        var ids = written["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.True(NotebookCell.IsValidId(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Writes_sorted_keys_line_arrays_one_space_indent_and_keeps_unknown_cells()
    {
        var json = Notebook.Parse(Jupyter44).ToJson();
        var written = JsonNode.Parse(json)!;

        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\":", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Equal(["# Title\n", "Text"], written["cells"]![0]!["source"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(["a", "b"], written["metadata"]!["custom"]!.AsObject().Select(p => p.Key));
        Assert.Equal(42, written["cells"]![3]!["payload"]!.GetValue<int>());
        Assert.Equal("future-kind", written["cells"]![3]!["cell_type"]!.GetValue<string>());
    }

    [Fact]
    public void Round_trip_is_stable()
    {
        var once = Notebook.Parse(Jupyter44).ToJson();
        var twice = Notebook.Parse(once).ToJson();

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Duplicate_ids_are_replaced()
    {
        var json = """{"cells":[{"id":"same","cell_type":"raw","metadata":{},"source":""},{"id":"same","cell_type":"raw","metadata":{},"source":""}],"metadata":{},"nbformat":4,"nbformat_minor":5}""";

        var notebook = Notebook.Parse(json);

        Assert.Equal("same", notebook.Cells[0].Id);
        Assert.NotEqual("same", notebook.Cells[1].Id);
    }

    [Theory]
    [InlineData("""{"nbformat": 3, "cells": []}""", "nbformat is 3; only nbformat 4")]
    [InlineData("""{"nbformat": 4, "metadata": {}}""", "'cells' is missing")]
    [InlineData("""{"nbformat": 4, "cells": [{"metadata": {}}]}""", "cells[0].cell_type is missing")]
    [InlineData("""{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}""", "cells[0].source is neither")]
    [InlineData("""[1, 2]""", "not a JSON object")]
    [InlineData("""{"nbformat": 4, """, "not valid JSON")]
    public void Malformed_notebooks_are_rejected_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_file_in_errors()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mlc-json-").FullName, "bad.ipynb");
        File.WriteAllText(path, "{}");

        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Load(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("x/y")]
    public void Invalid_cell_ids_are_refused(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => new NotebookCell(CellKind.Code, "", id));

        Assert.Equal("id", error.ParamName);
    }

    [Fact]
    public void Tags_with_commas_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new NotebookCell(CellKind.Code, "").AddTag("a,b"));

        Assert.Equal("tag", error.ParamName);
    }
}
