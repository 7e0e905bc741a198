using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Api;

/// <summary>
/// <c>GET /api/models</c>: the model catalogue as data, so clients (the dashboard's form among them) offer exactly the
/// options the validator accepts instead of keeping their own copy.
/// </summary>
public static class ModelsApi
{
    public static ApiResponse List(ModelCatalogue catalogue) =>
        ApiResponse.Json(200, new ModelList([.. catalogue.All.Select(ModelView.From)]));
}
