using Azure;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Client.Http;

/// <summary>
/// <c>GET /api/videos</c> as a pageable. The service answers one page of the newest jobs (up to 200) and has no
/// continuation, so there is exactly one page; its size is the page size hint (the service's default 20 without one).
/// </summary>
internal sealed class JobListPageable(
    Func<int?, CancellationToken, Task<(IReadOnlyList<VideoJob> Jobs, Response Response)>> fetch,
    CancellationToken cancellationToken) : AsyncPageable<VideoJob>(cancellationToken)
{
    public override async IAsyncEnumerable<Page<VideoJob>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        if (continuationToken is not null)
        {
            yield break;
        }

        var (jobs, response) = await fetch(pageSizeHint, CancellationToken).ConfigureAwait(false);
        yield return Page<VideoJob>.FromValues(jobs, null, response);
    }
}
