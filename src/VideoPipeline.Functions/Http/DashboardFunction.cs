using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Dashboard;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Functions.Http;

/// <summary>
/// <c>GET /api/dashboard</c>: the jobs dashboard page. Anonymous like the local host's: the page holds no data and
/// sends the key the user enters with every API call.
/// </summary>
public sealed class DashboardFunction(IOptions<TelemetryOptions> telemetry)
{
    [Function("Dashboard")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request) =>
        new ApiResponseActionResult(DashboardPage.Page(telemetry.Value.TraceUrlTemplate));
}
