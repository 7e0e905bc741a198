namespace VideoPipeline.Core.Archive;

/// <summary>Hands out short-lived read-only URLs for archived videos (<c>GET /api/videos/{id}/content</c>).</summary>
public interface IBlobReadUrlIssuer
{
    /// <summary>
    /// A SAS URL that can read the blob, and nothing else, until <see cref="ArchiveOptions.ReadUrlLifetime"/> has passed.
    /// It does not check that the blob exists.
    /// </summary>
    Task<Uri> IssueReadUrlAsync(string container, string blobName, CancellationToken cancellationToken = default);
}
