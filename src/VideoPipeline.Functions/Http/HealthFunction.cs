using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Api;

namespace VideoPipeline.Functions.Http;

/// <summary>
/// <c>GET /api/health</c>: 200. Anonymous, like the local host's (which serves it outside its function-key filter), so
/// load balancers and uptime probes need no key; it reveals nothing.
/// </summary>
public static class HealthFunction
{
    [Function("Health")]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new ApiResponseActionResult(VideoJobsApi.Health());
}
