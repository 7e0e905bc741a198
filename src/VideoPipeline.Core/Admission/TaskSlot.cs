using Azure;

namespace VideoPipeline.Core.Admission;

/// <summary>One of a provider's task slots as stored: who holds it and until when (both null when it is free).</summary>
/// <param name="GrantedBy">The job that handed the slot to its holder on release; null when the holder took or renewed it itself.</param>
public sealed record TaskSlot(int Number, string? Holder, DateTimeOffset? ExpiresAt, string? GrantedBy = null)
{
    /// <summary>The slot blob's ETag when it was read; every change is conditional on it.</summary>
    internal ETag? ETag { get; init; }

    /// <summary>Held by a job whose lease has not lapsed at <paramref name="now"/>.</summary>
    public bool IsTakenAt(DateTimeOffset now) => Holder is not null && ExpiresAt > now;
}
