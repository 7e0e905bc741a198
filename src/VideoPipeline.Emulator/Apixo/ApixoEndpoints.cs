using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Limits;
using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Apixo;

/// <summary>APIXO's task API: <c>generateTask</c> and <c>statusTask</c> per model.</summary>
internal static class ApixoEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AddEndpointFilter(new ProviderGate(ProviderKind.Apixo, ApixoErrors.Instance));
        api.MapPost("/generateTask/{model}", SubmitAsync);
        api.MapGet("/statusTask/{model}", GetStatus);
    }

    private static async Task<IResult> SubmitAsync(string model, HttpContext context, SubmissionService submissions)
    {
        var errors = ApixoErrors.Instance;
        if (!ApixoModels.All.Contains(model))
        {
            return submissions.Reject(ProviderKind.Apixo, errors.BadRequest($"Unsupported model '{model}'."));
        }

        var (body, bodyError) = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return submissions.Reject(ProviderKind.Apixo, errors.BadRequest(bodyError!));
        }

        if (!ApixoRequestParser.TryParse(model, body, out var draft, out var error))
        {
            return submissions.Reject(ProviderKind.Apixo, errors.BadRequest(error));
        }

        return await submissions.SubmitAsync(context, draft, errors, task => JsonResults.Json(ApixoTaskJson.Submitted(task)));
    }

    private static IResult GetStatus(string model, string? taskId, TaskStore store, EmulatorStats stats, TimeProvider time)
    {
        var task = Find(model, taskId, store, out var rejection);
        stats.Record(StatKind.StatusCalls, ProviderKind.Apixo, task);
        return task is null ? rejection! : JsonResults.Json(ApixoTaskJson.Status(task, time.GetUtcNow()));
    }

    private static EmulatedTask? Find(string model, string? taskId, TaskStore store, out IResult? rejection)
    {
        var errors = ApixoErrors.Instance;
        rejection = null;
        if (!ApixoModels.All.Contains(model))
        {
            rejection = errors.BadRequest($"Unsupported model '{model}'.");
        }
        else if (string.IsNullOrEmpty(taskId))
        {
            rejection = errors.BadRequest("taskId is required.");
        }
        else if (store.TryGet(ProviderKind.Apixo, taskId, out var task) && task.Model == model)
        {
            return task;
        }
        else
        {
            rejection = errors.NotFound($"Task '{taskId}' not found.");
        }

        return null;
    }
}
