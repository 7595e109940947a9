using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Tests.Execution;

/// <summary><see cref="CellExecutionResult.CodeCompiled"/>: whether a cell's declarations entered the session (what the
/// kernel's completions follow), told by the engine rather than guessed from error names.</summary>
public sealed class CodeCompiledTests : IDisposable
{
    private readonly ScriptSession _session = new(new ScriptSessionOptions { BaseDirectory = Path.GetTempPath(), SourceName = "compiled.ipynb" });

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("var a = 1;", CellStatus.Completed, true)]
    [InlineData("var b = 1; throw new InvalidOperationException(\"late\");", CellStatus.Failed, true)]
    [InlineData("var c = ;", CellStatus.Failed, false)]
    [InlineData("#!python\nprint(1)", CellStatus.Failed, false)]
    [InlineData("#r \"nuget: No.Such.Package.Anywhere, 1.2.3\"\nvar d = 1;", CellStatus.Failed, false)]
    public async Task The_result_says_whether_the_code_compiled(string code, CellStatus status, bool compiled)
    {
        var result = await _session.ExecuteAsync(code, "cell 1");
        Assert.Equal(status, result.Status);
        Assert.Equal(compiled, result.CodeCompiled);
        if (compiled && !result.Succeeded) Assert.Equal("InvalidOperationException", Assert.IsType<ErrorOutput>(result.Outputs[^1]).EName);
    }

    [Fact]
    public async Task A_failed_cell_does_not_carry_the_previous_cells_flag()
    {
        Assert.True((await _session.ExecuteAsync("var e = 1;", "cell 1")).CodeCompiled);
        Assert.False((await _session.ExecuteAsync("var f = ;", "cell 2")).CodeCompiled);
    }
}
