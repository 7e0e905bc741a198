namespace VideoPipeline.Bench.Runtime;

/// <summary>One line of Azurite's access log, and when this process read it.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path after the account, e.g. <c>/videos/job-1.mp4</c>.</param>
/// <param name="Query">Query string without the <c>?</c>, or empty.</param>
/// <param name="Status">HTTP status Azurite answered.</param>
/// <param name="ObservedAt">When the line arrived here (Azurite logs whole seconds only).</param>
internal sealed record AzuriteRequest(string Method, string Path, string Query, int Status, DateTime ObservedAt);
