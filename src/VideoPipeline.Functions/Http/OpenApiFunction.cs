using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Api;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI description of the HTTP contract both hosts serve.</summary>
public static class OpenApiFunction
{
    [Function("OpenApi")]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request) =>
        new ApiResponseActionResult(OpenApiDocument.Get());
}
