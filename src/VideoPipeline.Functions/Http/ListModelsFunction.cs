using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Functions.Http;

/// <summary><c>GET /api/models</c>: the model catalogue (what each provider's model accepts).</summary>
public sealed class ListModelsFunction(ModelCatalogue catalogue)
{
    [Function("ListModels")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models")] HttpRequest request) =>
        new ApiResponseActionResult(ModelsApi.List(catalogue));
}
