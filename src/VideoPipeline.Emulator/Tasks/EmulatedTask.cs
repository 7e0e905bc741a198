using System.Text.Json.Serialization;
using VideoPipeline.Emulator.Faults;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>
/// One generation job as the emulator keeps it (and, with a data directory, as <see cref="TaskFiles"/> stores it).
/// Immutable except for OpenAI's deletion flag and whether its callbacks are done.
/// </summary>
internal sealed class EmulatedTask
{
    private int _deleted;
    private int _callbacksFinished;

    public required string Id { get; init; }

    public required ProviderKind Provider { get; init; }

    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public required JobDirectives Directives { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required TimeSpan GenerationTime { get; init; }

    /// <summary>Exact size of the result MP4 (already normalised to a size a padded MP4 can have).</summary>
    public required long ResultBytes { get; init; }

    /// <summary>Unguessable name of the public result file (<c>/files/{token}.mp4</c>).</summary>
    public required string FileToken { get; init; }

    /// <summary>Base for the links this task hands out; always ends with a slash.</summary>
    public required Uri PublicBaseUrl { get; init; }

    public required TimeSpan ResultUrlLifetime { get; init; }

    /// <summary>Insertion order, so lists stay stable when tasks share a creation second.</summary>
    public required long Sequence { get; init; }

    public Uri? CallbackUrl { get; init; }

    /// <summary>OpenAI only: <c>size</c>, e.g. <c>720x1280</c>.</summary>
    public string? Size { get; init; }

    /// <summary>OpenAI only: <c>seconds</c> as the string the API uses.</summary>
    public string? Seconds { get; init; }

    public string? RemixedFromId { get; init; }

    public string? FailCode => Directives.FailCode;

    public DateTimeOffset CompletedAt => CreatedAt + GenerationTime;

    public DateTimeOffset ResultExpiresAt => Directives.Expire ? CompletedAt : CompletedAt + ResultUrlLifetime;

    [JsonInclude]
    public bool IsDeleted
    {
        get => Volatile.Read(ref _deleted) == 1;
        private set => Volatile.Write(ref _deleted, value ? 1 : 0);
    }

    /// <summary>Its callbacks were delivered or given up, so an emulator restarted on the same data does not send them again.</summary>
    [JsonInclude]
    public bool CallbacksFinished
    {
        get => Volatile.Read(ref _callbacksFinished) == 1;
        private set => Volatile.Write(ref _callbacksFinished, value ? 1 : 0);
    }

    public Uri ResultFileUrl => new(PublicBaseUrl, $"files/{FileToken}.mp4");

    public void MarkDeleted() => IsDeleted = true;

    public void MarkCallbacksFinished() => CallbacksFinished = true;

    public TaskSnapshot SnapshotAt(DateTimeOffset now) => TaskLifecycle.Snapshot(this, now);
}
