using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Tests.Support;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Kernel.Tests.Jupyter;

/// <summary>One engine, two front ends: a notebook executed through the kernel by nbclient (the library behind
/// <c>jupyter nbconvert --execute</c>) has the same outputs as the same notebook executed by the executor: output
/// types, MIME types, values, stream text and execution counts.</summary>
public sealed class KernelMatchesExecutorTests
{
    [Fact]
    public async Task Fixture_notebook_gives_the_same_outputs_through_nbclient_and_the_executor()
    {
        using var jupyter = new JupyterEnvironment();
        // the notebook's relative #r paths point at ../lib: place it one folder below the repository root's level
        var notebookDirectory = Directory.CreateDirectory(Path.Combine(jupyter.WorkDirectory, "notebooks")).FullName;
        var source = Path.Combine(notebookDirectory, "kernel-vs-executor.ipynb");
        File.Copy(TestPaths.TestFile("Jupyter", "kernel-vs-executor.ipynb"), source);
        var throughKernel = Path.Combine(jupyter.WorkDirectory, "through-kernel.ipynb");

        jupyter.Run(TestPaths.Python, [TestPaths.TestFile("Jupyter", "execute_notebook.py"), source, throughKernel, "mlc-csharp"], TimeSpan.FromMinutes(4));
        var kernel = Notebook.Load(throughKernel);
        var executor = await new NotebookExecutor().ExecuteFileAsync(source);
        Assert.True(executor.Succeeded, executor.Error?.EValue);

        var kernelCells = kernel.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var executorCells = executor.Executed!.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        Assert.Equal(executorCells.Count, kernelCells.Count);
        for (var i = 0; i < kernelCells.Count; i++)
        {
            Assert.Equal(executorCells[i].ExecutionCount, kernelCells[i].ExecutionCount);
            Assert.Equal(Describe(executorCells[i].Outputs), Describe(kernelCells[i].Outputs));
        }

        var all = kernelCells.SelectMany(c => c.Outputs).ToList();
        Assert.Contains(all, o => o is DisplayDataOutput d && d.Data.Contains("application/vnd.plotly.v1+json"));
        Assert.Contains(all, o => o is ExecuteResultOutput r && r.Data.GetText("text/plain") == "72");
        Assert.Contains(all, o => o is StreamOutput { Name: "stderr", Text: "drawn\n" });
        Assert.Equal(3, all.Count(o => o.OutputType is "display_data"));
    }

    /// <summary>Each output as comparable text: type, stream name and text, or every MIME type with its value.</summary>
    private static IReadOnlyList<string> Describe(IEnumerable<CellOutput> outputs) => outputs.Select(output => output switch
    {
        StreamOutput s => $"stream {s.Name}: {s.Text}",
        DisplayDataOutput d => "display_data " + Bundle(d.Data),
        ExecuteResultOutput r => $"execute_result {Bundle(r.Data)}",
        ErrorOutput e => $"error {e.EName}: {e.EValue}",
        _ => output.OutputType,
    }).ToList();

    private static string Bundle(MimeBundle bundle) => string.Join(" | ", bundle.MimeTypes.Order(StringComparer.Ordinal).Select(m =>
        $"{m}={(MimeBundle.IsJsonMimeType(m) ? Canonical(bundle.GetJson(m)) : bundle.GetText(m))}"));

    /// <summary>JSON with object keys sorted (nbformat writes sorted keys; the order of keys carries no meaning).</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
