namespace VideoPipeline.Bench.Runtime;

/// <summary>One measured job, timed from this process (POST sent, POST answered) and from Azurite's log.</summary>
internal sealed record JobRecord(string Id, DateTime Posted, DateTime Accepted, DateTime Committed, DateTime Finished);
