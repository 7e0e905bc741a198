namespace VideoPipeline.Core.Batches;

/// <summary>Where a large batch keeps its items: a JSON-lines blob in the pipeline's storage account.</summary>
public sealed record ItemsBlobReference(string Container, string BlobName)
{
    public override string ToString() => $"{Container}/{BlobName}";
}
