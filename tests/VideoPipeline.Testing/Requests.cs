using Xunit;

namespace VideoPipeline.Testing;

/// <summary>Valid job requests per dialect, with a unique prompt so the emulator's per-prompt stats are the job's.</summary>
public static class Requests
{
    public static string UniquePrompt(string directives = "") => $"e2e {Guid.NewGuid():N} {directives}".Trim();

    public static Dictionary<string, object?> For(string provider, string prompt, string waitMode = "auto") => provider switch
    {
        "foxapi" => new() { ["provider"] = "foxapi", ["model"] = "sora-2", ["prompt"] = prompt, ["aspectRatio"] = "16:9", ["durationSeconds"] = 4, ["waitMode"] = waitMode },
        "openai" => new() { ["provider"] = "openai", ["model"] = "sora-2", ["prompt"] = prompt, ["size"] = "1280x720", ["durationSeconds"] = 4, ["waitMode"] = waitMode },
        "apixo" => new() { ["provider"] = "apixo", ["model"] = "sora-2-pro", ["prompt"] = prompt, ["size"] = "720x1280", ["durationSeconds"] = 4, ["waitMode"] = waitMode },
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static TheoryData<string> Providers => new() { "foxapi", "openai", "apixo" };

    public static TheoryData<string, string> ProvidersAndWaitModes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in new[] { "foxapi", "openai", "apixo" })
            {
                foreach (var mode in new[] { "poll", "callback", "auto" })
                {
                    data.Add(provider, mode);
                }
            }

            return data;
        }
    }
}
