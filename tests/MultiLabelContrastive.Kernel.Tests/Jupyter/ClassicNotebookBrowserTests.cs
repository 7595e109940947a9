using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using MultiLabelContrastive.Kernel.Tests.Support;

namespace MultiLabelContrastive.Kernel.Tests.Jupyter;

/// <summary>
/// The path a Jupyter user takes, through a front end no one here wrote: Debian's classic Jupyter Notebook server on
/// 127.0.0.1 (with a token, HOME and Jupyter folders private to the test, our kernel installed by its own
/// <c>install-kernel</c>), opened in Debian's Chromium by Playwright. The test opens a theory notebook, picks our kernel in
/// the Kernel menu, runs all cells from the Cell menu and checks the page: every code cell ran, no error output, text and
/// HTML tables shown, and a Plotly chart drawn (plotly.js served by the Jupyter server from our kernelspec). Requests
/// leaving 127.0.0.1 are refused. Server, kernel and browser are stopped whatever happens.
/// </summary>
public sealed class ClassicNotebookBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string NotebookName = "01-five-relations.ipynb";
    private static readonly TimeSpan RunAllTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_theory_notebook_runs_on_our_kernel_in_the_classic_notebook_in_chromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: bash .ci/install-prerequisites.sh installs Debian's chromium");
        using var jupyter = new JupyterEnvironment();
        var folder = Directory.CreateDirectory(Path.Combine(jupyter.WorkDirectory, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(folder, NotebookName), QuickCopy(Path.Combine(TestPaths.RepoRoot, "notebooks", NotebookName)));
        CopyFolder(Path.Combine(TestPaths.RepoRoot, "notebooks", "data", "yeast"), Path.Combine(folder, "data", "yeast")); // the real-data row
        File.Copy(Path.Combine(TestPaths.RepoRoot, "notebooks", "setup.csx"), Path.Combine(folder, "setup.csx")); // its first cell: #load "setup.csx"
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        await using var server = await ClassicNotebookServer.StartAsync(jupyter, folder, TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var leaving = new List<string>();
        var pageErrors = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(server.BaseUrl, StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                leaving.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => pageErrors.Add(error);
        string Diagnostics() => $"\npage errors: [{string.Join(" | ", pageErrors)}]\nrefused: [{string.Join(" ", leaving)}]\nserver log:\n{server.Log}";

        try
        {
            await page.GotoAsync($"{server.BaseUrl}notebooks/{NotebookName}?token={server.Token}");
            await Wait(page, "() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded", TimeSpan.FromSeconds(60),
                "the notebook page did not load", Diagnostics);

            // Pick our kernel in the Kernel menu, as a user does, and wait until it is connected and idle.
            await page.ClickAsync("#kernellink");
            await page.HoverAsync("#menu-change-kernel");
            await page.ClickAsync("#kernel-submenu-mlc-csharp");
            await Wait(page,
                "() => Jupyter.notebook.kernel && Jupyter.notebook.kernel.name === 'mlc-csharp' && Jupyter.notebook.kernel.is_connected()"
                + " && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
                TimeSpan.FromSeconds(120), "our kernel (mlc-csharp) did not start and become idle", Diagnostics);
            Assert.Equal("C# (MultiLabelContrastive)", (await page.InnerTextAsync(".kernel_indicator_name")).Trim());

            // Cell > Run All, then wait until every code cell has an execution count and the kernel is idle again.
            await page.ClickAsync("#celllink");
            await page.ClickAsync("#run_all_cells");
            await Wait(page,
                """
                () => {
                  const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
                  const errors = cells.some(c => c.output_area.outputs.some(o => o.output_type === 'error'));
                  const done = cells.every(c => typeof c.input_prompt_number === 'number');
                  return (errors || done) && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
                }
                """,
                RunAllTimeout, "Run All did not finish", Diagnostics);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "classic-notebook.png"), FullPage = true });

            var state = await page.EvaluateAsync<JsonElement>(
                """
                () => {
                  const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
                  return {
                    codeCells: cells.length,
                    unrun: cells.map((c, i) => typeof c.input_prompt_number === 'number' ? -1 : i + 1).filter(i => i > 0),
                    errors: cells.flatMap(c => c.output_area.outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)),
                    withOutputs: cells.filter(c => c.output_area.outputs.length > 0).length,
                    plotlyOutputs: cells.flatMap(c => c.output_area.outputs).filter(o => o.data && o.data['application/vnd.plotly.v1+json']).length,
                    tables: document.querySelectorAll('.output_html table').length,
                    texts: document.querySelectorAll('.output_text pre, .output_stream pre').length,
                    errorAreas: document.querySelectorAll('.output_error').length,
                    charts: document.querySelectorAll('.output_html .plotly-chart .plotly svg.main-svg').length,
                    traces: document.querySelectorAll('.output_html .plotly-chart .plotly g.trace').length,
                    fallbacksShown: [...document.querySelectorAll('.output_html .plotly-fallback')].filter(e => e.offsetParent !== null).length,
                  };
                }
                """);
            var report = state.ToString() + Diagnostics();
            Assert.True(state.GetProperty("errors").GetArrayLength() == 0 && state.GetProperty("errorAreas").GetInt32() == 0, "error outputs: " + report);
            Assert.True(state.GetProperty("unrun").GetArrayLength() == 0, "code cells not run: " + report);
            await page.Locator(".output_html .plotly-chart").First.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "classic-notebook-chart.png") });
            Assert.True(state.GetProperty("codeCells").GetInt32() >= 3, report);
            Assert.True(state.GetProperty("withOutputs").GetInt32() >= 2, "too few cells with outputs: " + report);
            Assert.True(state.GetProperty("tables").GetInt32() >= 1, "no HTML table shown: " + report);
            Assert.True(state.GetProperty("plotlyOutputs").GetInt32() >= 1, "the kernel sent no Plotly figure: " + report);
            Assert.True(state.GetProperty("charts").GetInt32() >= 1 && state.GetProperty("traces").GetInt32() >= 1, "no Plotly chart drawn in the page: " + report);
            Assert.True(state.GetProperty("fallbacksShown").GetInt32() < state.GetProperty("plotlyOutputs").GetInt32(), "chart fallbacks still shown: " + report);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The notebook with its parameters cell set to <c>Quick = true</c> (as the test runs pass <c>--quick</c>).</summary>
    private static string QuickCopy(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        foreach (var cell in notebook["cells"]!.AsArray().OfType<JsonObject>())
        {
            var tags = cell["metadata"]?["tags"]?.AsArray().Select(t => t?.GetValue<string>()) ?? [];
            if (tags.Contains("parameters") && cell["source"] is { } source)
            {
                var text = source is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : source.GetValue<string>();
                cell["source"] = text.Replace("var Quick = false;", "var Quick = true;", StringComparison.Ordinal);
            }
        }

        return notebook.ToJsonString();
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static async Task Wait(IPage page, string condition, TimeSpan timeout, string what, Func<string> diagnostics)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 500 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} within {timeout.TotalSeconds} s.{diagnostics()}");
        }
    }
}
