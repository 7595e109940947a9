using Microsoft.Playwright;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;

namespace MultiLabelContrastive.Notebooks.Tests.Report;

/// <summary>Opens the fixture run's report from disk in Debian's Chromium (headless) with every non-file request blocked,
/// and checks that the charts render, the error cell shows, nothing tries to reach the network and nothing logs an error.
/// Screenshots go to <c>screenshots/</c> under the test output.</summary>
[Collection(BatchRunCollection.Name)]
public sealed class ReportBrowserTests(BatchRunFixture run)
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public void Report_pages_load_scripts_only_from_local_files()
    {
        var folder = Path.GetDirectoryName(run.Result.ReportIndexPath)!;
        foreach (var page in Directory.GetFiles(folder, "*.html"))
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("<script src=\"http", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script src=\"//", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link rel=\"stylesheet\" href=\"http", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self';", html, StringComparison.Ordinal);
        }

        var outputs = File.ReadAllText(Path.Combine(folder, FixtureNotebooks.Outputs + ".html"));
        Assert.Contains("<script src=\"assets/plotly-2.28.0.min.js\"></script>", outputs, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(outputs, "plotly-2\\.28\\.0\\.min\\.js"));
        Assert.True(new FileInfo(Path.Combine(folder, "assets", "plotly-2.28.0.min.js")).Length > 3_000_000);
    }

    [Fact]
    public async Task Report_renders_offline_in_chromium_with_charts_and_the_error_cell()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/install-prerequisites.sh installs Debian's chromium");
        Directory.CreateDirectory(Screenshots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        var leaving = new List<string>();
        var problems = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
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
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");

        // Index: one row per notebook, with status badges and links to the pages and executed notebooks.
        await page.GotoAsync(new Uri(run.Result.ReportIndexPath).AbsoluteUri);
        Assert.Equal(3, await page.Locator("table.runs tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("table.runs .badge.failed").CountAsync());
        var first = page.Locator("table.runs tbody tr").First;
        Assert.Equal(["quick", "surrogate", "stand-in"], [
            await first.Locator("td.run-mode").InnerTextAsync(), await first.Locator("td.run-data").InnerTextAsync(),
            await first.Locator("td.run-encoder").InnerTextAsync()]);
        Assert.Equal(6, await page.Locator("table.runs td.run-none").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "index.png"), FullPage = true });

        // The outputs page: every chart drawn by the local plotly.js (an SVG with traces inside .plotly).
        await page.Locator($"a[href='{FixtureNotebooks.Outputs}.html']").ClickAsync();
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('.chart .plotly svg.main-svg g.trace').length >= n",
            FixtureNotebooks.OutputsChartCount,
            new() { Timeout = 30_000 });
        var charts = page.Locator(".chart");
        Assert.Equal(FixtureNotebooks.OutputsChartCount, await charts.CountAsync());
        for (var i = 0; i < FixtureNotebooks.OutputsChartCount; i++)
        {
            var chart = charts.Nth(i);
            Assert.True(await chart.Locator(".plotly svg.main-svg").CountAsync() >= 1, $"chart {i} has no SVG");
            Assert.True(await chart.Locator(".plotly g.trace").CountAsync() >= 1, $"chart {i} has no trace");
            Assert.Equal(0, await chart.Locator(".chart-error").CountAsync());
        }

        Assert.Equal(2, await page.Locator("img.output-image").CountAsync());
        Assert.True(await page.Locator("img.output-image").First.EvaluateAsync<int>("img => img.naturalWidth") == 24);
        Assert.Equal(2, await page.Locator("table.dataframe").Filter(new() { HasText = "beta" }).CountAsync());
        Assert.True(await page.Locator("b.custom-html").IsVisibleAsync());
        Assert.True(await page.Locator("pre.code span.c-kw").CountAsync() > 5);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "outputs.png"), FullPage = true });

        // The failing notebook: the error cell is visible, in red, with its traceback.
        await page.GotoAsync(new Uri(Path.Combine(Path.GetDirectoryName(run.Result.ReportIndexPath)!, FixtureNotebooks.Failing + ".html")).AbsoluteUri);
        var error = page.Locator("#cell-3 .output.error");
        Assert.True(await error.IsVisibleAsync());
        Assert.Contains("InvalidOperationException: cell 3: deliberate failure", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("rgb(207, 34, 46)", await error.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.True(await page.Locator("#cell-4.skipped").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "failing.png"), FullPage = true });

        Assert.Empty(leaving);
        Assert.Empty(problems);
    }
}
