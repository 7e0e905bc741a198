namespace VideoPipeline.Bench.Runtime;

/// <summary>One measured job: POST sent and answered (this process), video committed (Azurite's log), end seen in the view.</summary>
internal sealed record JobRecord(string Id, DateTime Posted, DateTime Accepted, DateTime Committed, DateTime Succeeded);
