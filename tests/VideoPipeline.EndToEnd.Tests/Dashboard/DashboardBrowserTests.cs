using System.Net;
using System.Net.Http.Json;
using VideoPipeline.Testing;
using Xunit.Abstractions;

namespace VideoPipeline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium (Debian's <c>chromium</c>, installed by <c>./test.sh</c>), driven by
/// <c>tests/browser/dashboard.mjs</c> through npm's playwright-core. Writes the README's screenshot.
/// </summary>
[Collection(DashboardCollection.Name)]
public class DashboardBrowserTests(DashboardStack stack, ITestOutputHelper log)
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_InHeadlessChromium_StartsPlaysTracesAndCancelsJobsAndCountsBatchJobs()
    {
        Assert.True(File.Exists(Chromium),
            $"Chromium is not installed at {Chromium}. Install the Debian package 'chromium' (./test.sh does: " +
            "setup_apt chromium:chromium) or set CHROMIUM to a Chromium binary.");
        Assert.True(Directory.Exists(RepositoryPaths.Combine("node_modules", "playwright-core")),
            "npm's playwright-core is not installed: run npm ci (./test.sh does).");

        // Jobs in other states, so the page (and the screenshot) shows more than the test's own jobs.
        await stack.StartJobAsync(Requests.For("openai", Requests.UniquePrompt("[emu:seconds=1] [emu:fail=moderation_blocked]")));
        await stack.StartJobAsync(Requests.For("apixo", Requests.UniquePrompt("[emu:seconds=600]")));

        // A batch of three jobs and one invalid item, for the batch tile.
        var batchId = $"dashboard-{Guid.NewGuid():N}"[..20];
        using var batch = await stack.Http.PostAsJsonAsync("/api/batches", new
        {
            batchId,
            defaults = Requests.For("foxapi", "unused", "auto"),
            items = new object[]
            {
                new { prompt = Requests.UniquePrompt("[emu:seconds=1]") },
                new { prompt = Requests.UniquePrompt("[emu:seconds=2]") },
                new { prompt = Requests.UniquePrompt("[emu:seconds=3]") },
                new { prompt = Requests.UniquePrompt(), durationSeconds = 7 },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);

        var screenshot = RepositoryPaths.Combine("docs", "images", "dashboard.png");
        var failureScreenshot = RepositoryPaths.Combine("artifacts", "browser", "dashboard.failure.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        Directory.CreateDirectory(Path.GetDirectoryName(failureScreenshot)!);
        var (exitCode, output) = await NodeScript.RunAsync(
            Path.Combine("tests", "browser", "dashboard.mjs"),
            new Dictionary<string, string>
            {
                ["DASHBOARD_URL"] = new Uri(stack.Host.BaseUrl, "/").AbsoluteUri,
                ["FUNCTION_KEY"] = DashboardStack.FunctionKey,
                ["TRACE_URL_TEMPLATE"] = DashboardStack.TraceUrlTemplate,
                ["BATCH_ID"] = batchId,
                ["BATCH_JOBS"] = "3",
                ["BATCH_INVALID"] = "1",
                ["SCREENSHOT"] = screenshot,
                ["FAILURE_SCREENSHOT"] = failureScreenshot,
                ["CHROMIUM"] = Chromium,
            },
            TimeSpan.FromMinutes(5));

        log.WriteLine(output);
        Assert.True(exitCode == 0, $"The browser script failed (exit code {exitCode}):\n{output}\nHost log:\n{stack.Host.Output}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, $"The screenshot {screenshot} is missing or empty.\n{output}");
    }
}
