using System.Text.Json.Serialization;

namespace VideoPipeline.Core.Jobs;

[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("submitting")] Submitting,
    [JsonStringEnumMemberName("generating")] Generating,
    [JsonStringEnumMemberName("archiving")] Archiving,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
