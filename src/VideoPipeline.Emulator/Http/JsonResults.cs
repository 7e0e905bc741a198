using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.Emulator.Http;

/// <summary>Writes hand-built JSON nodes, which keep each provider's field names, order and nulls exactly.</summary>
internal static class JsonResults
{
    // The services send quotes and non-ASCII prompts (the seeds include Chinese ones) literally, not as \uXXXX.
    private static readonly JsonSerializerOptions WireFormat = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(ToWire(body), "application/json", statusCode: statusCode);

    public static string ToWire(JsonNode body) => body.ToJsonString(WireFormat);

    public static byte[] ToWireBytes(JsonNode body) => JsonSerializer.SerializeToUtf8Bytes(body, WireFormat);
}
