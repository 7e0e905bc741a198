using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Dashboard;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/dashboard/{asset}</c>: the dashboard's script and style sheet; 404 for anything else.</summary>
public static class DashboardAssetFunction
{
    [Function("DashboardAsset")]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{asset}")] HttpRequest request,
        string asset) =>
        new ApiResponseActionResult(DashboardPage.Asset(asset));
}
