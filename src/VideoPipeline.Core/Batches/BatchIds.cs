using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPipeline.Core.Batches;

/// <summary>Batch ids, and the job ids of a batch's items.</summary>
public static partial class BatchIds
{
    public const int MaxLength = 64;

    /// <summary>Letters, digits, '-' and '_': batch ids become parts of job ids and blob names.</summary>
    public static bool IsValid(string? batchId) => batchId is not null && Pattern().IsMatch(batchId);

    /// <summary>A batch without a <c>batchId</c> is named after its content, so a redelivered message is the same batch.</summary>
    public static string FromContentHash(string contentHash) => "batch-" + contentHash[..24];

    /// <summary>
    /// The job id of item <paramref name="index"/>: readable, and never equal to the ids of single jobs
    /// (<c>job-</c> and 32 hexadecimal digits, no further hyphen).
    /// </summary>
    public static string JobIdFor(string batchId, int index) =>
        $"{batchId}-{index.ToString("D4", CultureInfo.InvariantCulture)}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
