using System.Net.Http.Headers;
using System.Security.Cryptography;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Everything that must hold before a downloaded video may be committed: the announced length, the MP4 box structure,
/// and the SHA-256 recorded with the blob, all computed in one pass over the bytes as they stream through.
/// </summary>
internal sealed class SourceVerifier : IDisposable
{
    private readonly Mp4BoxValidator _mp4 = new();
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long? _expectedLength;

    private SourceVerifier(long? expectedLength) => _expectedLength = expectedLength;

    public long Length => _mp4.Length;

    /// <summary>Rejects a source that announces itself as a text document (an error page) before any byte is read.</summary>
    public static SourceVerifier Start(ResultContent source)
    {
        if (IsTextDocument(source.ContentType))
        {
            throw new ArchiveException(
                ErrorCodes.ResultNotMp4, $"The provider returned '{source.ContentType}' instead of a video.");
        }

        return new SourceVerifier(source.ContentLength);
    }

    /// <summary>Throws as soon as the bytes so far can no longer become a valid video.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256.AppendData(data);
        if (_mp4.Append(data) == Mp4ValidationState.Invalid)
        {
            throw NotMp4();
        }

        if (Length > _expectedLength)
        {
            throw new ArchiveException(
                ErrorCodes.ProviderProtocolError,
                $"The provider sent more than the {_expectedLength} bytes its Content-Length announced.");
        }
    }

    /// <summary>Checks the complete stream and returns its lower-case hex SHA-256.</summary>
    public string Complete()
    {
        if (Length < _expectedLength)
        {
            throw new ArchiveException(
                ErrorCodes.ResultTruncated,
                $"The download ended after {Length} of the {_expectedLength} bytes the provider announced.",
                isTransient: true);
        }

        switch (_mp4.Complete())
        {
            case Mp4ValidationState.Truncated:
                throw new ArchiveException(
                    ErrorCodes.ResultTruncated, $"The video is cut short: {_mp4.Failure}", isTransient: true);
            case Mp4ValidationState.Invalid:
                throw NotMp4();
        }

        return Convert.ToHexStringLower(_sha256.GetHashAndReset());
    }

    public void Dispose() => _sha256.Dispose();

    private ArchiveException NotMp4() =>
        new(ErrorCodes.ResultNotMp4, $"The result is not an MP4 video: {_mp4.Failure}");

    // Error pages and API error bodies come as HTML, plain text, JSON or XML; no video does.
    private static bool IsTextDocument(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is not { } mediaType)
        {
            return false;
        }

        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }
}
