using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>
/// Sits before the transport (after the client's retry and authentication policies) and records each attempt as it
/// leaves: method, URI, headers and when. Optionally drops the first answer to one request, as a lost connection would
/// after the service has acted.
/// </summary>
public sealed class RecordingPolicy : HttpPipelinePolicy
{
    private int _dropped;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The path (e.g. <c>/api/videos</c>) and method whose first answer is thrown away.</summary>
    public (RequestMethod Method, string Path)? DropFirstAnswerTo { get; init; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        await ProcessNextAsync(message, pipeline);
        if (ShouldDrop(message))
        {
            throw new IOException("The connection was reset after the request was sent (dropped by the test).");
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
        if (ShouldDrop(message))
        {
            throw new IOException("The connection was reset after the request was sent (dropped by the test).");
        }
    }

    private void Record(HttpMessage message)
    {
        var request = message.Request;
        Requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Uri.ToUri(),
            request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
            DateTimeOffset.UtcNow));
    }

    private bool ShouldDrop(HttpMessage message) =>
        DropFirstAnswerTo is var (method, path)
        && message.Request.Method == method
        && message.Request.Uri.ToUri().AbsolutePath == path
        && Interlocked.Exchange(ref _dropped, 1) == 0;
}
