using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// POSTs the outcome to the caller's <c>notifyUrl</c>, signed with Standard Webhooks headers when a signing secret is
/// configured. Returns true when the notification is done with: delivered (2xx) or undeliverable for good (the URL
/// no longer passes the media URL rules); false asks the workflow to try again later.
/// </summary>
public sealed class NotifyCallerActivity(
    IHttpClientFactory httpClients,
    MediaUrlPolicy urlPolicy,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<NotifyCallerActivity> logger)
    : IPipelineActivity<NotifyInput, bool>
{
    public const string HttpClientName = "VideoPipeline.Notify";

    public async Task<bool> RunAsync(NotifyInput input, CancellationToken cancellationToken)
    {
        using var span = JobTrace.Start(ActivityNames.Notify, input.TraceParent);
        span?.SetTag(TelemetryTags.JobId, input.JobId);

        // Checked again at send time: DNS may now point somewhere it did not when the job was accepted.
        var check = await urlPolicy.CheckAsync(input.NotifyUrl, cancellationToken);
        if (!check.IsAllowed)
        {
            logger.LogWarning("Not notifying job {JobId}: the notify URL {Reason}", input.JobId, check.Error);
            JobTrace.SetError(span, "notify_url_refused");
            return true;
        }

        var result = input.Result;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new JobNotification(JobNotification.CompletedType, input.JobId, result.Status, result.Output, result.Error,
                result.ProviderTaskId, result.Timings),
            PipelineJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, check.Url) { Content = new ByteArrayContent(body) };
        // The caller's URL may hold a credential in its path (chat webhooks do); HTTP spans must not record it.
        HttpTelemetryFilter.OmitFromTraces(request);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (options.Value.NotifySigningSecret is { Length: > 0 } secret)
        {
            var id = $"{input.JobId}.{PipelineJson.EnumName(result.Status)}";
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(StandardWebhookVerifier.IdHeader, id);
            request.Headers.Add(StandardWebhookVerifier.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(StandardWebhookVerifier.SignatureHeader, StandardWebhookVerifier.ComputeSignature(secret, id, timestamp, body));
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            span?.SetTag(TelemetryTags.HttpStatusCode, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            logger.LogWarning("Notifying job {JobId} got HTTP {Status}", input.JobId, (int)response.StatusCode);
            JobTrace.SetError(span, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return false;
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Notifying job {JobId} failed: {Message}", input.JobId, e.Message);
            JobTrace.SetError(span, e.GetType().Name);
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Notifying job {JobId} timed out", input.JobId);
            JobTrace.SetError(span, "timeout");
            return false;
        }
    }
}
