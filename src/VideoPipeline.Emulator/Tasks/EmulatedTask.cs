using VideoPipeline.Emulator.Faults;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>One generation job as the emulator keeps it. Immutable except for OpenAI's deletion flag.</summary>
internal sealed class EmulatedTask
{
    private int _deleted;

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

    public bool IsDeleted => Volatile.Read(ref _deleted) == 1;

    public Uri ResultFileUrl => new(PublicBaseUrl, $"files/{FileToken}.mp4");

    public void MarkDeleted() => Volatile.Write(ref _deleted, 1);

    public TaskSnapshot SnapshotAt(DateTimeOffset now) => TaskLifecycle.Snapshot(this, now);
}
