using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Client.Http;

/// <summary>Reads and writes <see cref="VideoJobStatus"/> as its wire string.</summary>
internal sealed class VideoJobStatusConverter : JsonConverter<VideoJobStatus>
{
    public override VideoJobStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A job status must be a string."));

    public override void Write(Utf8JsonWriter writer, VideoJobStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
