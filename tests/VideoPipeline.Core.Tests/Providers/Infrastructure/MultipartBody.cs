using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VideoPipeline.Testing.Http;

namespace VideoPipeline.Core.Tests.Providers.Infrastructure;

/// <summary>A recorded <c>multipart/form-data</c> body, read with ASP.NET Core's own parser.</summary>
public sealed record MultipartPart(string Name, string? FileName, string? ContentType, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);

    public static async Task<IReadOnlyList<MultipartPart>> ReadAsync(RecordedRequest request)
    {
        var contentType = MediaTypeHeaderValue.Parse(request.Header("Content-Type"));
        Assert.Equal("multipart/form-data", contentType.MediaType.Value);
        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!, new MemoryStream(request.Body));
        var parts = new List<MultipartPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            parts.Add(new MultipartPart(
                HeaderUtilities.RemoveQuotes(disposition.Name).Value!,
                HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
                section.ContentType,
                content.ToArray()));
        }

        return parts;
    }
}
