namespace VideoPipeline.Client.Models;

/// <summary>The answer to <see cref="VideoPipelineClient.StartBatchAsync"/>: the batch and the job of each item.</summary>
public sealed class VideoBatchAccepted
{
    /// <summary>The batch id (given, or derived from the content).</summary>
    public required string Id { get; init; }

    /// <summary>How many items the batch has.</summary>
    public int Items { get; init; }

    /// <summary>How many items started a job.</summary>
    public int Accepted { get; init; }

    /// <summary>How many items were invalid (and started nothing).</summary>
    public int Invalid { get; init; }

    /// <summary>Every item, in order.</summary>
    public IReadOnlyList<VideoBatchAcceptedItem> Jobs { get; init; } = [];
}
