using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.OpenAi;

/// <summary>The Videos API's video object.</summary>
internal static class OpenAiVideoJson
{
    public static JsonObject Video(EmulatedTask task, DateTimeOffset asOf)
    {
        var snapshot = task.SnapshotAt(asOf);
        return new JsonObject
        {
            ["id"] = task.Id,
            ["object"] = "video",
            ["created_at"] = task.CreatedAt.ToUnixTimeSeconds(),
            ["completed_at"] = snapshot.IsTerminal ? task.CompletedAt.ToUnixTimeSeconds() : null,
            ["expires_at"] = snapshot.Phase == TaskPhase.Completed ? task.ResultExpiresAt.ToUnixTimeSeconds() : null,
            ["model"] = task.Model,
            ["status"] = Status(snapshot.Phase),
            ["progress"] = snapshot.Progress,
            ["prompt"] = task.Prompt,
            ["seconds"] = task.Seconds,
            ["size"] = task.Size,
            ["remixed_from_video_id"] = task.RemixedFromId,
            ["error"] = snapshot.Phase == TaskPhase.Failed
                ? new JsonObject { ["code"] = task.FailCode, ["message"] = $"Video generation failed: {task.FailCode}" }
                : null,
        };
    }

    public static string Status(TaskPhase phase) => phase switch
    {
        TaskPhase.Pending => "queued",
        TaskPhase.Processing => "in_progress",
        TaskPhase.Completed => "completed",
        _ => "failed",
    };
}
