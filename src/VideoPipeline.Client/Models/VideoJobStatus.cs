using System.ComponentModel;
using System.Text.Json.Serialization;
using VideoPipeline.Client.Http;

namespace VideoPipeline.Client.Models;

/// <summary>
/// The status of a video job. An extensible enumeration: a newer service may report a value this client does not
/// name, and it still round-trips.
/// </summary>
[JsonConverter(typeof(VideoJobStatusConverter))]
public readonly struct VideoJobStatus : IEquatable<VideoJobStatus>
{
    private readonly string? _value;

    /// <summary>Creates a status from its wire value (e.g. <c>generating</c>).</summary>
    /// <param name="value">The wire value.</param>
    public VideoJobStatus(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>Accepted; waiting to be submitted (or for a provider task slot).</summary>
    public static VideoJobStatus Queued { get; } = new("queued");

    /// <summary>Being submitted to the provider.</summary>
    public static VideoJobStatus Submitting { get; } = new("submitting");

    /// <summary>The provider is generating the video.</summary>
    public static VideoJobStatus Generating { get; } = new("generating");

    /// <summary>The video is being streamed into Blob Storage.</summary>
    public static VideoJobStatus Archiving { get; } = new("archiving");

    /// <summary>Archived and verified; the job's output names the blob and its SHA-256.</summary>
    public static VideoJobStatus Succeeded { get; } = new("succeeded");

    /// <summary>Ended without a video; the job's error says why.</summary>
    public static VideoJobStatus Failed { get; } = new("failed");

    /// <summary>Cancelled by the caller (or terminated).</summary>
    public static VideoJobStatus Cancelled { get; } = new("cancelled");

    /// <summary>True for the three final statuses: succeeded, failed and cancelled.</summary>
    public bool IsFinal => this == Succeeded || this == Failed || this == Cancelled;

    /// <summary>Compares two statuses by their wire value (ordinal, ignoring case).</summary>
    public static bool operator ==(VideoJobStatus left, VideoJobStatus right) => left.Equals(right);

    /// <summary>Compares two statuses by their wire value (ordinal, ignoring case).</summary>
    public static bool operator !=(VideoJobStatus left, VideoJobStatus right) => !left.Equals(right);

    /// <summary>Converts a wire value to a status.</summary>
    public static implicit operator VideoJobStatus(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(VideoJobStatus other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is VideoJobStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The wire value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
