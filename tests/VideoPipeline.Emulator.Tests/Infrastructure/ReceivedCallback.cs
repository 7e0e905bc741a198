using System.Text;
using System.Text.Json;

namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>One HTTP request the <see cref="CallbackReceiver"/> got, and what it answered.</summary>
public sealed record ReceivedCallback(
    string Name, int Attempt, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus, DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
