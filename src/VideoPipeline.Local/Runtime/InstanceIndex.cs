using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// One small blob per instance, named <c>index/{DateTime.MaxValue.Ticks - created ticks}-{id}</c> so a plain listing
/// is newest first. Status, name and update time sit in metadata (returned by the listing itself); the blob holds the
/// instance summary with input, output and custom status. It is a projection of the journal: every update carries
/// the journal's line count as its version, and an older version never replaces a newer one.
/// </summary>
internal sealed class InstanceIndex(RuntimeStorage storage)
{
    private const int TicksDigits = 19;
    private const int MaxAttempts = 5;

    public async Task UpsertAsync(Journal journal, CancellationToken cancellationToken)
    {
        var instance = journal.ToInstance(includeData: true);
        var version = journal.Entries.Count;
        var blob = storage.Container.GetBlobClient(Name(instance.CreatedAt, instance.InstanceId));
        var metadata = new Dictionary<string, string>
        {
            ["status"] = instance.RuntimeStatus.ToString(),
            ["name"] = Uri.EscapeDataString(instance.Name),
            ["updated"] = instance.LastUpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
        };
        var content = BinaryData.FromObjectAsJson(instance, PipelineJson.Options);

        for (var attempt = 1; ; attempt++)
        {
            BlobRequestConditions conditions;
            try
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                if (properties.Value.Metadata.TryGetValue("version", out var stored)
                    && int.Parse(stored, CultureInfo.InvariantCulture) >= version)
                {
                    return;
                }

                conditions = new BlobRequestConditions { IfMatch = properties.Value.ETag };
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
            }

            try
            {
                await blob.UploadAsync(
                    content,
                    new BlobUploadOptions
                    {
                        Metadata = metadata,
                        Conditions = conditions,
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    },
                    cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer updated the summary in between; read its version again.
            }
        }
    }

    public async IAsyncEnumerable<OrchestrationInstance> QueryAsync(
        OrchestrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureContainerAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 5000);
        var pages = storage.Container
            .GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, RuntimeStorage.IndexPrefix, cancellationToken)
            .AsPages(pageSizeHint: pageSize);
        await foreach (var page in pages)
        {
            foreach (var item in page.Values)
            {
                if (!TryParseName(item.Name, out var createdAt, out var instanceId)
                    || !item.Metadata.TryGetValue("status", out var statusText)
                    || !Enum.TryParse<OrchestrationRuntimeStatus>(statusText, out var status))
                {
                    continue;
                }

                if (query.CreatedFrom is { } from && createdAt < from)
                {
                    yield break;
                }

                if ((query.InstanceIdPrefix is { } prefix && !instanceId.StartsWith(prefix, StringComparison.Ordinal))
                    || (query.Statuses is { Count: > 0 } statuses && !statuses.Contains(status)))
                {
                    continue;
                }

                if (!query.FetchInputsAndOutputs)
                {
                    var updated = item.Metadata.TryGetValue("updated", out var updatedText)
                        ? long.Parse(updatedText, CultureInfo.InvariantCulture)
                        : createdAt.UtcTicks;
                    yield return new OrchestrationInstance(
                        instanceId,
                        Uri.UnescapeDataString(item.Metadata.TryGetValue("name", out var name) ? name : string.Empty),
                        status,
                        createdAt,
                        new DateTimeOffset(updated, TimeSpan.Zero));
                    continue;
                }

                OrchestrationInstance? full;
                try
                {
                    var content = await storage.Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                    full = content.Value.Content.ToObjectFromJson<OrchestrationInstance>(PipelineJson.Options);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    continue;
                }

                if (full is not null)
                {
                    yield return full;
                }
            }
        }
    }

    private static string Name(DateTimeOffset createdAt, string instanceId) =>
        $"{RuntimeStorage.IndexPrefix}{(DateTime.MaxValue.Ticks - createdAt.UtcTicks).ToString($"D{TicksDigits}", CultureInfo.InvariantCulture)}-{instanceId}";

    private static bool TryParseName(string name, out DateTimeOffset createdAt, out string instanceId)
    {
        var ticksStart = RuntimeStorage.IndexPrefix.Length;
        var idStart = ticksStart + TicksDigits + 1;
        if (name.Length > idStart
            && long.TryParse(name.AsSpan(ticksStart, TicksDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted))
        {
            createdAt = new DateTimeOffset(DateTime.MaxValue.Ticks - inverted, TimeSpan.Zero);
            instanceId = name[idStart..];
            return true;
        }

        createdAt = default;
        instanceId = string.Empty;
        return false;
    }
}
