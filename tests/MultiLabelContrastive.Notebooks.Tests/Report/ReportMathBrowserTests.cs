using System.Text.Json;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Report;
using MultiLabelContrastive.Notebooks.Running;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;
using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Notebooks.Tests.Report;

/// <summary>Opens report pages from disk in Debian's Chromium with the network blocked and checks that the local KaTeX
/// typeset every formula: each math span holds KaTeX output, no KaTeX error, no TeX delimiter left in the text (code
/// excepted), KaTeX's fonts loaded from the assets folder, nothing logged, nothing fetched from elsewhere.</summary>
[Collection(BatchRunCollection.Name)]
public sealed class ReportMathBrowserTests(BatchRunFixture run)
{
    /// <summary>Evaluated in the page once its fonts are ready: what the math looks like after the math script ran.</summary>
    private const string MathScript = """
        async () => {
          await document.fonts.ready;
          const raw = [];
          for (const part of document.querySelectorAll('section.cell.markdown, header.page h1, table.runs td')) {
            const clone = part.cloneNode(true);
            clone.querySelectorAll('code, pre, .katex').forEach(e => e.remove());
            const found = clone.textContent.match(/.{0,40}(\$|\\\(|\\\[|\\begin\{).{0,40}/s);
            if (found) { raw.push(found[0]); }
          }
          return {
            spans: document.querySelectorAll('span.math').length,
            typeset: document.querySelectorAll('span.math > .katex, span.math > .katex-display').length,
            displayed: document.querySelectorAll('span.math-display > .katex-display').length,
            errors: document.querySelectorAll('.katex-error').length,
            raw: raw,
            katexFonts: [...document.fonts].filter(f => f.family.includes('KaTeX') && f.status === 'loaded').length,
            marked: Number(document.body.getAttribute('data-math-typeset') || -1),
          };
        }
        """;

    private sealed record MathState(int Spans, int Typeset, int Displayed, int Errors, string[] Raw, int KatexFonts, int Marked);

    private static async Task<MathState> MathOf(OfflineChromium chromium, string file)
    {
        await chromium.Page.GotoAsync(new Uri(file).AbsoluteUri);
        var state = await chromium.Page.EvaluateAsync<JsonElement>(MathScript);
        return state.Deserialize<MathState>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [Fact]
    public async Task Every_formula_of_the_fixture_page_is_typeset_by_the_local_katex()
    {
        var folder = Path.GetDirectoryName(run.Result.ReportIndexPath)!;
        var page = Path.Combine(folder, FixtureNotebooks.Outputs + ".html");
        var html = File.ReadAllText(page);
        Assert.Contains("<script src=\"assets/katex/katex.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "assets", "katex", "fonts", "KaTeX_Main-Regular.woff2")));
        Assert.DoesNotContain("katex", File.ReadAllText(Path.Combine(folder, FixtureNotebooks.Failing + ".html")), StringComparison.Ordinal);

        await using var chromium = await OfflineChromium.StartAsync();
        var math = await MathOf(chromium, page);
        await chromium.Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "math.png"), FullPage = true });

        Assert.Equal(FixtureNotebooks.OutputsFormulaCount, math.Spans);
        Assert.Equal(math.Spans, math.Typeset);
        Assert.Equal(math.Spans, math.Marked);
        Assert.Equal(3, math.Displayed); // $$…$$, \[…\] and \begin{aligned}…\end{aligned}
        Assert.Equal(0, math.Errors);
        Assert.Empty(math.Raw);
        Assert.True(math.KatexFonts >= 2, $"{math.KatexFonts} KaTeX font(s) loaded: the fonts must come from assets/katex/fonts");
        Assert.Equal("$x$", await chromium.Page.Locator("section.cell.markdown code").Last.InnerTextAsync());
        Assert.Empty(chromium.Leaving);
        Assert.Empty(chromium.Problems);
    }

    [Fact]
    public async Task A_formula_katex_cannot_parse_shows_as_an_error_and_is_logged()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "math-error-report");
        var notebook = FixtureNotebooks.Build(FixtureNotebooks.Markdown("# Bad TeX\n\nFine $x^2$, broken $\\frac{1}{$."));
        new ReportWriter().Write(folder, [Unexecuted("bad-tex", notebook)]);

        await using var chromium = await OfflineChromium.StartAsync();
        var math = await MathOf(chromium, Path.Combine(folder, "bad-tex.html"));

        Assert.Equal(2, math.Spans);
        Assert.Equal(1, math.Errors);
        Assert.Equal(1, math.Marked);
        Assert.Contains(chromium.Problems, p => p.Contains("KaTeX could not typeset \"\\\\frac{1}{\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_formula_of_the_repository_notebooks_is_typeset_offline()
    {
        var notebooks = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(notebooks);
        var folder = Path.Combine(AppContext.BaseDirectory, "repository-notebook-pages");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        new ReportWriter("Repository notebooks").Write(folder, notebooks.Select(n => Unexecuted(Path.GetFileNameWithoutExtension(n), Notebook.Load(n))).ToList());

        await using var chromium = await OfflineChromium.StartAsync();
        var total = 0;
        var failures = new List<string>();
        foreach (var notebook in notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            var math = await MathOf(chromium, Path.Combine(folder, ReportWriter.PageFileName(name)));
            total += math.Spans;
            if (math.Typeset != math.Spans || math.Errors > 0 || math.Raw.Length > 0)
            {
                failures.Add($"{name}: {math.Typeset} of {math.Spans} formula(s) typeset, {math.Errors} KaTeX error(s), TeX left as text: [{string.Join(" | ", math.Raw)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Concat(chromium.Problems)));
        Assert.True(total > 0, "the repository's notebooks hold no formula at all");
        Assert.Empty(chromium.Leaving);
        Assert.Empty(chromium.Problems);
    }

    private static NotebookRunResult Unexecuted(string name, Notebook notebook) =>
        new(name, name + ".ipynb", notebook, NotebookStatus.Succeeded, TimeSpan.Zero, null, null, [], 0,
            notebook.Cells.Count(c => c.Kind == CellKind.Code));
}
