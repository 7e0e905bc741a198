using System.Text.Json.Serialization;

namespace VideoPipeline.Core.Batches;

/// <summary>How a batch arrived.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BatchSource>))]
public enum BatchSource
{
    [JsonStringEnumMemberName("queue")] Queue,
    [JsonStringEnumMemberName("http")] Http,
}
