namespace VideoPipeline.Core.Batches;

/// <summary>Why a message is not a batch the intake can take in; nothing was started.</summary>
/// <param name="Errors">Every problem, keyed by JSON path (<c>$</c> for the whole body).</param>
/// <param name="IsConflict">The batch id is taken by a batch with different content.</param>
public sealed record BatchRejection(string Reason, IReadOnlyDictionary<string, string[]> Errors, bool IsConflict = false)
{
    /// <summary>The reason with every error, in one line (for the poison queue and logs).</summary>
    public string Describe() => Errors.Count == 0
        ? Reason
        : $"{Reason} {string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}";
}
