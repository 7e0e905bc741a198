using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.FoxApi;

/// <summary>FoxAPI's task objects: the submit answer and the task-query answer (which is also the callback body).</summary>
internal static class FoxApiTaskJson
{
    public const string ObjectType = "video.generation.task";

    /// <summary>The documented submit answer, describing the task as created: no results, error or usage yet.</summary>
    public static JsonObject Submitted(EmulatedTask task)
    {
        var snapshot = task.SnapshotAt(task.CreatedAt);
        return new JsonObject
        {
            ["created"] = task.CreatedAt.ToUnixTimeSeconds(),
            ["id"] = task.Id,
            ["model"] = task.Model,
            ["object"] = ObjectType,
            ["progress"] = snapshot.Progress,
            ["status"] = Status(snapshot.Phase),
            ["task_info"] = TaskInfo(snapshot),
            ["type"] = "video",
        };
    }

    public static JsonObject Query(EmulatedTask task, DateTimeOffset asOf)
    {
        var snapshot = task.SnapshotAt(asOf);
        return new JsonObject
        {
            ["id"] = task.Id,
            ["object"] = ObjectType,
            ["type"] = "video",
            ["model"] = task.Model,
            ["status"] = Status(snapshot.Phase),
            ["progress"] = snapshot.Progress,
            ["created"] = task.CreatedAt.ToUnixTimeSeconds(),
            ["task_info"] = TaskInfo(snapshot),
            ["results"] = snapshot.Phase == TaskPhase.Completed ? new JsonArray(task.ResultFileUrl.ToString()) : null,
            ["error"] = snapshot.Phase == TaskPhase.Failed
                ? new JsonObject
                {
                    ["code"] = task.FailCode,
                    ["message"] = $"Video generation failed: {task.FailCode}",
                    ["type"] = "task_error",
                }
                : null,

            // The platform's billing object is not documented, so none is invented.
            ["usage"] = null,
        };
    }

    private static JsonObject TaskInfo(TaskSnapshot snapshot) => new()
    {
        ["can_cancel"] = !snapshot.IsTerminal,
        ["estimated_time"] = (int)Math.Ceiling(snapshot.Remaining.TotalSeconds),
    };

    private static string Status(TaskPhase phase) => phase switch
    {
        TaskPhase.Pending => "pending",
        TaskPhase.Processing => "processing",
        TaskPhase.Completed => "completed",
        _ => "failed",
    };
}
