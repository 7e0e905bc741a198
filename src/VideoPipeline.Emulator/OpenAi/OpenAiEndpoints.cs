using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Limits;
using VideoPipeline.Emulator.Media;
using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.OpenAi;

/// <summary>The OpenAI Videos API: create, list, retrieve, download content, delete, remix.</summary>
internal static class OpenAiEndpoints
{
    public const string PollAfterHeader = "openai-poll-after-ms";

    private const int DefaultListLimit = 20;
    private const int MaxListLimit = 100;
    private static readonly TimeSpan MinPollAfter = TimeSpan.FromMilliseconds(100);

    private static OpenAiErrors Errors => OpenAiErrors.Instance;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1/videos").AddEndpointFilter(new ProviderGate(ProviderKind.OpenAi, Errors));
        api.MapPost("", CreateAsync);
        api.MapGet("", List);
        api.MapGet("/{id}", Retrieve);
        api.MapMethods("/{id}/content", [HttpMethods.Get, HttpMethods.Head], Content);
        api.MapDelete("/{id}", Delete);
        api.MapPost("/{id}/remix", RemixAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, SubmissionService submissions)
    {
        var (draft, error) = await OpenAiRequestParser.ReadCreateAsync(context.Request, context.RequestAborted);
        if (draft is null)
        {
            return submissions.Reject(ProviderKind.OpenAi, error!);
        }

        return await submissions.SubmitAsync(context, draft, Errors, Created);
    }

    private static IResult List(string? after, string? limit, string? order, TaskStore store, TimeProvider time)
    {
        var count = DefaultListLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxListLimit))
        {
            return Errors.BadRequest($"Invalid value: '{limit}'. 'limit' must be an integer from 1 to {MaxListLimit}.", "limit");
        }

        if (order is not (null or "asc" or "desc"))
        {
            return Errors.BadRequest($"Invalid value: '{order}'. Supported values are: 'asc', 'desc'.", "order");
        }

        var videos = store.ForProvider(ProviderKind.OpenAi).Where(t => !t.IsDeleted);
        var ordered = (order == "asc" ? videos.OrderBy(t => t.Sequence) : videos.OrderByDescending(t => t.Sequence)).ToList();
        var start = 0;
        if (after is not null)
        {
            var index = ordered.FindIndex(t => t.Id == after);
            if (index < 0)
            {
                return Errors.BadRequest($"No video found with id '{after}'.", "after");
            }

            start = index + 1;
        }

        var now = time.GetUtcNow();
        var page = ordered.Skip(start).Take(count).ToList();
        return JsonResults.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(page.Select(t => (JsonNode)OpenAiVideoJson.Video(t, now)).ToArray()),
            ["first_id"] = page.FirstOrDefault()?.Id,
            ["last_id"] = page.LastOrDefault()?.Id,
            ["has_more"] = start + page.Count < ordered.Count,
        });
    }

    private static IResult Retrieve(
        string id, HttpContext context, TaskStore store, EmulatorStats stats, TimeProvider time, IOptions<EmulatorOptions> options)
    {
        var task = Find(store, id);
        stats.Record(StatKind.StatusCalls, ProviderKind.OpenAi, task);
        if (task is null)
        {
            return NotFound(id);
        }

        var now = time.GetUtcNow();
        var snapshot = task.SnapshotAt(now);
        if (!snapshot.IsTerminal)
        {
            var wait = TimeSpan.FromTicks(Math.Clamp(snapshot.Remaining.Ticks, MinPollAfter.Ticks, options.Value.OpenAi.MaxPollAfter.Ticks));
            context.Response.Headers[PollAfterHeader] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        return JsonResults.Json(OpenAiVideoJson.Video(task, now));
    }

    private static IResult Content(
        string id, string? variant, HttpContext context, TaskStore store, EmulatorStats stats, MediaAssets media, TimeProvider time)
    {
        if (variant is not (null or "video" or "thumbnail" or "spritesheet"))
        {
            return Errors.BadRequest($"Invalid value: '{variant}'. Supported values are: 'video', 'thumbnail', 'spritesheet'.", "variant");
        }

        if (Find(store, id) is not { } task)
        {
            return NotFound(id);
        }

        var now = time.GetUtcNow();
        var phase = task.SnapshotAt(now).Phase;
        if (phase != TaskPhase.Completed)
        {
            return Errors.NotFound($"Video '{id}' has no content: its status is {OpenAiVideoJson.Status(phase)}.");
        }

        if (now >= task.ResultExpiresAt)
        {
            return Errors.NotFound($"The content of video '{id}' has expired.");
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            stats.Record(StatKind.ContentDownloads, ProviderKind.OpenAi, task);
        }

        return variant switch
        {
            "thumbnail" => Results.Bytes(media.ThumbnailWebp, "image/webp", enableRangeProcessing: true),
            "spritesheet" => Results.Bytes(media.SpritesheetJpeg, "image/jpeg", enableRangeProcessing: true),
            _ => ResultContent.Video(task, media),
        };
    }

    private static IResult Delete(string id, TaskStore store, TimeProvider time)
    {
        if (Find(store, id) is not { } task)
        {
            return NotFound(id);
        }

        var phase = task.SnapshotAt(time.GetUtcNow()).Phase;
        if (phase is not (TaskPhase.Completed or TaskPhase.Failed))
        {
            return Errors.BadRequest(
                $"Video '{id}' cannot be deleted while its status is {OpenAiVideoJson.Status(phase)}; only completed or failed videos can.");
        }

        store.MarkDeleted(task);
        return JsonResults.Json(new JsonObject { ["id"] = id, ["object"] = "video.deleted", ["deleted"] = true });
    }

    private static async Task<IResult> RemixAsync(
        string id, HttpContext context, TaskStore store, SubmissionService submissions, TimeProvider time)
    {
        if (Find(store, id) is not { } source)
        {
            return submissions.Reject(ProviderKind.OpenAi, NotFound(id));
        }

        var phase = source.SnapshotAt(time.GetUtcNow()).Phase;
        if (phase != TaskPhase.Completed)
        {
            return submissions.Reject(ProviderKind.OpenAi, Errors.BadRequest(
                $"Video '{id}' cannot be remixed: its status is {OpenAiVideoJson.Status(phase)}; only completed videos can."));
        }

        var (prompt, error) = await OpenAiRequestParser.ReadRemixAsync(context.Request, context.RequestAborted);
        if (prompt is null)
        {
            return submissions.Reject(ProviderKind.OpenAi, error!);
        }

        var draft = new TaskDraft(ProviderKind.OpenAi, source.Model, prompt)
        {
            Size = source.Size,
            Seconds = source.Seconds,
            RemixedFromId = source.Id,
        };
        return await submissions.SubmitAsync(context, draft, Errors, Created);
    }

    /// <summary>Create and remix answer with the video as created: queued, progress 0.</summary>
    private static IResult Created(EmulatedTask task) => JsonResults.Json(OpenAiVideoJson.Video(task, task.CreatedAt));

    private static EmulatedTask? Find(TaskStore store, string id) =>
        store.TryGet(ProviderKind.OpenAi, id, out var task) && !task.IsDeleted ? task : null;

    private static IResult NotFound(string id) => Errors.NotFound($"Video with id '{id}' not found.");
}
