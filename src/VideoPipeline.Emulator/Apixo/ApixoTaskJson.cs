using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Apixo;

/// <summary>APIXO's status envelope, which is also the callback body.</summary>
internal static class ApixoTaskJson
{
    public static JsonObject Submitted(EmulatedTask task) => Envelope(new JsonObject { ["taskId"] = task.Id });

    public static JsonObject Status(EmulatedTask task, DateTimeOffset asOf)
    {
        var snapshot = task.SnapshotAt(asOf);
        var completed = snapshot.Phase == TaskPhase.Completed;
        var failed = snapshot.Phase == TaskPhase.Failed;
        var createTime = task.CreatedAt.ToUnixTimeMilliseconds();
        var completeTime = task.CompletedAt.ToUnixTimeMilliseconds();
        return Envelope(new JsonObject
        {
            ["taskId"] = task.Id,
            ["state"] = snapshot.Phase switch
            {
                TaskPhase.Pending => "pending",
                TaskPhase.Processing => "processing",
                TaskPhase.Completed => "success",
                _ => "failed",
            },

            // A JSON document inside a string, as APIXO sends it: clients must parse twice.
            ["resultJson"] = completed
                ? JsonResults.ToWire(new JsonObject { ["resultUrls"] = new JsonArray(task.ResultFileUrl.ToString()) })
                : null,
            ["failCode"] = failed ? task.FailCode : null,
            ["failMsg"] = failed ? $"Video generation failed: {task.FailCode}" : null,
            ["createTime"] = createTime,
            ["completeTime"] = snapshot.IsTerminal ? completeTime : null,
            ["costTime"] = snapshot.IsTerminal ? completeTime - createTime : null,
        });
    }

    private static JsonObject Envelope(JsonObject data) => new()
    {
        ["code"] = 200,
        ["message"] = "success",
        ["data"] = data,
    };
}
