using VideoPipeline.Client.Models;

namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>Valid job requests with a unique prompt; emulator directives (e.g. <c>[emu:seconds=3]</c>) drive the job.</summary>
public static class Jobs
{
    public static string Prompt(string directives = "") => $"client {Guid.NewGuid():N} {directives}".Trim();

    public static VideoJobRequest Foxapi(string directives = "") =>
        new("foxapi", "sora-2", Prompt(directives)) { AspectRatio = "16:9", DurationSeconds = 4 };
}
