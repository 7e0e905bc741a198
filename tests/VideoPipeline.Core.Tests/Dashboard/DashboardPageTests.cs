using System.Text;
using System.Text.RegularExpressions;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Dashboard;

namespace VideoPipeline.Core.Tests.Dashboard;

public partial class DashboardPageTests
{
    [Fact]
    public void Page_Always_IsEmbeddedHtmlWithAStrictContentSecurityPolicy()
    {
        var response = DashboardPage.Page(traceUrlTemplate: null);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.StartsWith("<!doctype html>", Text(response));
        Assert.Equal(DashboardPage.ContentSecurityPolicy, response.Headers!["Content-Security-Policy"]);
        Assert.DoesNotContain("unsafe-inline", DashboardPage.ContentSecurityPolicy);
        Assert.Equal("nosniff", response.Headers!["X-Content-Type-Options"]);
    }

    [Fact]
    public void Page_LocalReferences_AreAllServedAssets()
    {
        var references = LocalReference().Matches(Text(DashboardPage.Page(traceUrlTemplate: null))).Select(m => m.Groups["asset"].Value).ToArray();

        Assert.NotEmpty(references);
        Assert.Equal(DashboardPage.Assets.Order(), references.Order());
    }

    [Fact]
    public void Page_NoTraceUrlTemplate_HasAnEmptyTemplateForTheScript()
    {
        Assert.Contains("<meta name=\"trace-url-template\" content=\"\">", Text(DashboardPage.Page(traceUrlTemplate: null)));
    }

    [Fact]
    public void Page_TraceUrlTemplate_IsInTheMetaElementHtmlEncoded()
    {
        var page = Text(DashboardPage.Page("http://localhost:16686/trace/{traceId}?a=1&b=\"><script>"));

        Assert.Contains(
            "<meta name=\"trace-url-template\" content=\"http://localhost:16686/trace/{traceId}?a=1&amp;b=&quot;&gt;&lt;script&gt;\">",
            page);
        Assert.DoesNotContain("<script>", page);
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript; charset=utf-8")]
    [InlineData("dashboard.css", "text/css; charset=utf-8")]
    public void Asset_KnownFile_IsServedWithItsContentType(string name, string contentType)
    {
        var response = DashboardPage.Asset(name);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(contentType, response.ContentType);
        Assert.NotEmpty((byte[])response.Body!);
    }

    [Theory]
    [InlineData("missing.js")]
    [InlineData("../VideoPipeline.Core.dll")]
    [InlineData("Dashboard/dashboard.js")]
    public void Asset_UnknownName_Is404Problem(string name)
    {
        var response = DashboardPage.Asset(name);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal(ApiResponse.ProblemContentType, response.ContentType);
    }

    [Fact]
    public void Script_Always_ImportsNothingAndWritesDataOnlyAsText()
    {
        var script = Text(DashboardPage.Asset("dashboard.js"));

        // Job data (ids, error messages from providers) must never be parsed as HTML.
        Assert.DoesNotContain("innerHTML", script);
        Assert.DoesNotContain("insertAdjacentHTML", script);
        Assert.DoesNotMatch(@"(?m)^\s*import\b", script);
    }

    private static string Text(ApiResponse response) => Encoding.UTF8.GetString((byte[])response.Body!);

    [GeneratedRegex(@"(?:src|href)=""/api/dashboard/(?<asset>[^""]+)""")]
    private static partial Regex LocalReference();
}
