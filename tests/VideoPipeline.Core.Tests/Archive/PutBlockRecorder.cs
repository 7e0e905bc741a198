using System.Collections.Concurrent;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// Records what a Blob Storage client sends with each Put Block: the block id, the transactional <c>Content-MD5</c>
/// and whether the body was a structured message (how the SDK sends a CRC64). Added to a client's pipeline, it sees
/// the real requests that then reach Azurite.
/// </summary>
internal sealed class PutBlockRecorder : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<PutBlock> _blocks = new();

    public IReadOnlyCollection<PutBlock> Blocks => _blocks;

    public override void OnSendingRequest(HttpMessage message)
    {
        var query = HttpUtility.ParseQueryString(message.Request.Uri.Query);
        if (query["comp"] != "block")
        {
            return;
        }

        _blocks.Enqueue(new PutBlock(
            query["blockid"]!,
            message.Request.Headers.TryGetValue("Content-MD5", out var md5) ? md5 : null,
            message.Request.Headers.TryGetValue("x-ms-structured-body", out _)));
    }

    /// <param name="BlockId">The base64 block id.</param>
    /// <param name="ContentMd5">The base64 <c>Content-MD5</c> header, if any.</param>
    /// <param name="StructuredBody">Whether the body was sent as a structured message.</param>
    public sealed record PutBlock(string BlockId, string? ContentMd5, bool StructuredBody);
}
