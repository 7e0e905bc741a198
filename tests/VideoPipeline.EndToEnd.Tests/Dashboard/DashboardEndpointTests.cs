using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.EndToEnd.Tests.Dashboard;

/// <summary>The dashboard's routes, the model catalogue and the OpenAPI document on a host that requires a key.</summary>
[Collection(DashboardCollection.Name)]
public class DashboardEndpointTests(DashboardStack stack)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/dashboard")]
    public async Task GetDashboard_WithoutKey_ServesThePage(string route)
    {
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync(route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("/api/dashboard/dashboard.js", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    public async Task GetDashboardAsset_WithoutKey_ServesTheFile(string asset, string mediaType)
    {
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync($"/api/dashboard/{asset}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task GetDashboardAsset_Unknown_Returns404Problem()
    {
        using var response = await stack.Http.GetAsync("/api/dashboard/secrets.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/api/models")]
    [InlineData("/api/openapi.json")]
    [InlineData("/api/videos")]
    public async Task GetApi_WithoutKey_Returns401Problem(string route)
    {
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync(route);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetModels_WithKey_ReturnsTheCatalogueAsCamelCaseJson()
    {
        var models = (await stack.Http.GetFromJsonAsync<JsonObject>("/api/models"))!["items"]!.AsArray();

        Assert.Equal(8, models.Count);
        var openAi = models.Single(m => m!["provider"]!.GetValue<string>() == "openai" && m["model"]!.GetValue<string>() == "sora-2")!;
        Assert.Equal(["720x1280", "1280x720"], openAi["sizes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("projectWebhook", openAi["callback"]!.GetValue<string>());
        Assert.True(openAi["supportsDelete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetOpenApi_WithKey_ServesTheDocument()
    {
        using var response = await stack.Http.GetAsync("/api/openapi.json");
        var document = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3.1.0", document["openapi"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/api/videos/{id}/content"]);
    }

    [Fact]
    public async Task GetContent_WithKeyAsCodeQuery_RedirectsLikeAVideoElementNeeds()
    {
        var id = await stack.StartJobAsync(Requests.For("foxapi", Requests.UniquePrompt("[emu:seconds=0.5]")));
        await stack.WaitForEndAsync(id);
        using var anonymous = Anonymous(allowRedirects: false);

        using var withoutKey = await anonymous.GetAsync($"/api/videos/{id}/content");
        using var withCode = await anonymous.GetAsync($"/api/videos/{id}/content?code={DashboardStack.FunctionKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Found, withCode.StatusCode);
        Assert.Contains("sig=", withCode.Headers.Location!.Query);
    }

    private HttpClient Anonymous(bool allowRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = allowRedirects }) { BaseAddress = stack.Host.BaseUrl };
}
