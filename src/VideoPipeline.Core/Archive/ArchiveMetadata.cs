using System.Text.Json;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Archive;

/// <summary>The metadata an archived blob carries; keys are lower-case because the service requires C# identifiers.</summary>
internal static class ArchiveMetadata
{
    public const string JobId = "jobid";
    public const string Provider = "provider";
    public const string Model = "model";
    public const string ProviderTaskId = "providertaskid";
    public const string Sha256 = "sha256";

    public static Dictionary<string, string> Create(ArchiveRequest request, string sha256) => new()
    {
        [JobId] = Encode(request.JobId),
        [Provider] = JsonSerializer.Serialize(request.Provider, PipelineJson.Options).Trim('"'),
        [Model] = Encode(request.Model),
        [ProviderTaskId] = Encode(request.ProviderTaskId),
        [Sha256] = sha256,
    };

    /// <summary>Whether a blob's metadata says it was committed for this job.</summary>
    public static bool BelongsTo(IDictionary<string, string> metadata, ArchiveRequest request) =>
        metadata.TryGetValue(JobId, out var jobId) && jobId == Encode(request.JobId);

    // Metadata travels in HTTP headers, which carry only printable ASCII and lose surrounding spaces. Other values are
    // percent-encoded; '%' itself forces encoding, so an encoded value never equals another value kept verbatim.
    private static string Encode(string value)
    {
        var verbatim = value.Length == value.Trim().Length;
        foreach (var c in value)
        {
            verbatim &= c is >= ' ' and <= '~' and not '%';
        }

        return verbatim ? value : Uri.EscapeDataString(value);
    }
}
