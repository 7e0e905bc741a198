using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// Reads and appends journals. Every append is conditional: the first line create-only (so starting an existing id
/// changes nothing), every later one on the ETag the writer last saw (so two writers never silently interleave).
/// </summary>
internal sealed class JournalStore(RuntimeStorage storage)
{
    /// <returns>The new journal; null when the instance already existed (its journal is left as it was).</returns>
    public async Task<Journal?> CreateAsync(string instanceId, JournalEntry started, CancellationToken cancellationToken)
    {
        var blob = storage.Journal(instanceId);
        try
        {
            await blob.CreateAsync(
                new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // An empty journal means its creator died between creating the blob and writing the first line; the
            // position-0 condition below lets exactly one writer finish that creation.
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength > 0)
            {
                return null;
            }
        }

        try
        {
            var info = await AppendAsync(
                instanceId, [started], new AppendBlobRequestConditions { IfAppendPositionEqual = 0 }, cancellationToken);
            return new Journal(instanceId, [started], info.ETag, info.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <returns>Null when the instance does not exist (or its creation never finished).</returns>
    public async Task<Journal?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await storage.Journal(instanceId).DownloadContentAsync(cancellationToken);
            var entries = Parse(download.Value.Content.ToString());
            return entries.Count == 0
                ? null
                : new Journal(instanceId, entries, download.Value.Details.ETag, download.Value.Details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Journal(instanceId).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ContentLength > 0;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Appends on the journal's ETag and advances the journal; false when someone else wrote in between.</summary>
    public async Task<bool> TryAppendAsync(
        Journal journal, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            var info = await AppendAsync(
                journal.InstanceId, entries, new AppendBlobRequestConditions { IfMatch = journal.ETag }, cancellationToken);
            journal.Append(entries, info.ETag, info.LastModified);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private async Task<BlobAppendInfo> AppendAsync(
        string instanceId,
        IEnumerable<JournalEntry> entries,
        AppendBlobRequestConditions conditions,
        CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, PipelineJson.Options)).Append('\n');
        }

        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var response = await storage.Journal(instanceId).AppendBlockAsync(
            content, new AppendBlobAppendBlockOptions { Conditions = conditions }, cancellationToken);
        return response.Value;
    }

    private static List<JournalEntry> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<JournalEntry>(line, PipelineJson.Options)
                ?? throw new InvalidDataException("A journal line is null."))
            .ToList();
}
