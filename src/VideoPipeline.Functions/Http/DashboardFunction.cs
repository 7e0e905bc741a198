using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Dashboard;

namespace VideoPipeline.Functions.Http;

/// <summary>
/// <c>GET /api/dashboard</c>: the jobs dashboard page. Anonymous like the local host's: the page holds no data and
/// sends the key the user enters with every API call.
/// </summary>
public static class DashboardFunction
{
    [Function("Dashboard")]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request) =>
        new ApiResponseActionResult(DashboardPage.Page());
}
