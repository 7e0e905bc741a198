using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Limits;
using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.FoxApi;

/// <summary>FoxAPI's unified task API: submit a generation, query the task.</summary>
internal static class FoxApiEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1").AddEndpointFilter(new ProviderGate(ProviderKind.FoxApi, FoxApiErrors.Instance));
        api.MapPost("/videos/generations", SubmitAsync);
        api.MapGet("/tasks/{id}", GetTask);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, SubmissionService submissions)
    {
        var errors = FoxApiErrors.Instance;
        var (body, bodyError) = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return submissions.Reject(ProviderKind.FoxApi, errors.BadRequest(bodyError!));
        }

        if (!FoxApiRequestParser.TryParse(body, out var draft, out var error))
        {
            return submissions.Reject(ProviderKind.FoxApi, errors.BadRequest(error));
        }

        return await submissions.SubmitAsync(context, draft, errors, task => JsonResults.Json(FoxApiTaskJson.Submitted(task)));
    }

    private static IResult GetTask(string id, TaskStore store, EmulatorStats stats, TimeProvider time)
    {
        if (!store.TryGet(ProviderKind.FoxApi, id, out var task))
        {
            stats.Record(StatKind.StatusCalls, ProviderKind.FoxApi);
            return FoxApiErrors.Instance.NotFound($"Task '{id}' not found.");
        }

        stats.Record(StatKind.StatusCalls, ProviderKind.FoxApi, task);
        return JsonResults.Json(FoxApiTaskJson.Query(task, time.GetUtcNow()));
    }
}
