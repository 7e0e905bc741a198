using System.Text.Json.Serialization;

namespace VideoPipeline.Core.Jobs;

/// <summary>How the workflow learns that the provider finished.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WaitMode>))]
public enum WaitMode
{
    /// <summary>Callbacks when the dialect and configuration allow them, polling otherwise.</summary>
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("callback")] Callback,
    [JsonStringEnumMemberName("poll")] Poll,
}
