using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Downloads a user-supplied image for dialects that upload it (OpenAI <c>input_reference</c>). Bounded in size,
/// no redirects followed (the URL was validated, its redirect target was not), no auth sent. Every failure here
/// happens before the provider is called, so none of them is "may have been processed".
/// </summary>
internal static class InputImageFetcher
{
    /// <summary>Largest image accepted (APIXO and OpenAI document 10 MB).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ".jpg",
        ["image/png"] = ".png",
        ["image/webp"] = ".webp",
    };

    public static async Task<InputImage> FetchAsync(
        ProviderHttp http, HttpClient mediaClient, string imageUrl, CancellationToken cancellationToken)
    {
        if (!HttpUrl.TryParse(imageUrl, out var url))
        {
            throw Invalid("imageUrl is not an absolute http(s) URL");
        }

        try
        {
            using var request = ProviderHttp.MediaRequest(url, "input-image");
            using var response = await http.SendAsync(mediaClient, request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw Invalid($"the image URL redirects (HTTP {status}); give its final location");
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = await http.ErrorFromResponseAsync(response, cancellationToken).ConfigureAwait(false);
                throw error.IsTransient
                    ? new ProviderException(
                        error.Code, $"the image host failed: {error.Message}", status, error.RetryAfter, isTransient: true)
                    : Invalid($"the image URL answered HTTP {status}", status);
            }

            byte[] bytes;
            try
            {
                bytes = await http.ReadBodyAsync(request, response, MaxBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                throw Invalid($"the image is larger than {MaxBytes / (1024 * 1024)} MB");
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (contentType is null || !contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                contentType = Sniff(bytes) ?? throw Invalid("the image URL did not serve a JPEG, PNG or WebP image");
            }

            return new InputImage(bytes, contentType, FileName(url, contentType));
        }
        catch (ProviderException exception) when (exception.RequestMayHaveBeenProcessed)
        {
            // A lost connection to the image host says nothing about the provider, which was not called yet.
            throw new ProviderException(
                exception.Code,
                $"fetching the input image failed: {exception.Message}",
                exception.StatusCode,
                exception.RetryAfter,
                exception.IsTransient,
                requestMayHaveBeenProcessed: false,
                exception);
        }
    }

    private static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    private static string FileName(Uri url, string contentType)
    {
        var last = Uri.UnescapeDataString(url.Segments[^1]).Trim('/');
        return Path.HasExtension(last) && last.IndexOfAny(['"', '\\', '\r', '\n']) < 0
            ? last
            : "input_reference" + Extensions.GetValueOrDefault(contentType, ".img");
    }

    private static ProviderException Invalid(string message, int? status = null) =>
        new(ErrorCodes.InvalidInput, $"input image: {message}", status);
}
