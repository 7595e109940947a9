using Microsoft.Playwright;

namespace MultiLabelContrastive.Notebooks.Tests.Report;

/// <summary>Debian's Chromium (headless) driven by Playwright with every request that is not a file blocked: what a page
/// tried to fetch from elsewhere, and every console error or warning, page error and failed request, is collected.</summary>
internal sealed class OfflineChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private OfflineChromium(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>URLs the pages tried to reach outside the file system (all refused).</summary>
    public List<string> Leaving { get; } = [];

    /// <summary>Console errors and warnings, page errors and failed requests.</summary>
    public List<string> Problems { get; } = [];

    public static async Task<OfflineChromium> StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: .ci/install-prerequisites.sh installs Debian's chromium");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            });
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
            var page = await context.NewPageAsync();
            var chromium = new OfflineChromium(playwright, browser, context, page);
            await context.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
                {
                    await route.ContinueAsync();
                }
                else
                {
                    chromium.Leaving.Add(route.Request.Url);
                    await route.AbortAsync();
                }
            });
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    chromium.Problems.Add($"{page.Url}: {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => chromium.Problems.Add($"{page.Url}: page error: {error}");
            page.RequestFailed += (_, request) => chromium.Problems.Add($"{page.Url}: request failed: {request.Url}");
            return chromium;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
