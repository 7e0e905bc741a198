using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VideoPipeline.Core.Api;
using VideoPipeline.Local.Api;
using VideoPipeline.Local.Extensions;

namespace VideoPipeline.Local.Tests.Api;

/// <summary>
/// Keeps <c>Core/Api/openapi.json</c> and the local host's routes from drifting apart: the host is built as
/// <c>Program.cs</c> builds it (not started), and its endpoint table is compared with the document's paths.
/// </summary>
public class OpenApiRouteTests
{
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

    [Fact]
    public async Task OpenApiDocument_ComparedWithTheLocalHostsRoutes_DescribesExactlyThoseRoutes()
    {
        var mapped = await MappedRoutesAsync();
        var documented = DocumentedRoutes();

        Assert.True(mapped.SetEquals(documented),
            "openapi.json and the local host's routes differ.\n" +
            $"Mapped but not documented: {string.Join(", ", mapped.Except(documented).Order())}\n" +
            $"Documented but not mapped: {string.Join(", ", documented.Except(mapped).Order())}");
    }

    private static async Task<HashSet<string>> MappedRoutesAsync()
    {
        // As Program.cs does; building does not start the host or touch storage.
        var builder = WebApplication.CreateBuilder();
        builder.AddLocalVideoPipeline();
        await using var app = builder.Build();
        app.MapVideoPipelineApi();

        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? Methods)
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
    }

    private static HashSet<string> DocumentedRoutes()
    {
        var document = JsonNode.Parse((byte[])OpenApiDocument.Get().Body!)!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => Methods.Contains(operation.Key.ToUpperInvariant()))
                .Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet();
    }
}
