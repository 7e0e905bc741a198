using System.Text.Json.Serialization;

namespace VideoPipeline.Core.Providers;

/// <summary>A provider task's status normalised across dialects; the raw value travels beside it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderTaskStatus>))]
public enum ProviderTaskStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
