using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>Streams the finished video from the provider into Blob Storage, verified before a create-only commit.</summary>
public sealed class ArchiveVideoActivity(IVideoProviderResolver providers, IVideoArchiver archiver, TimeProvider time)
    : IPipelineActivity<ArchiveVideoInput, ArchiveVideoResult>
{
    public async Task<ArchiveVideoResult> RunAsync(ArchiveVideoInput input, CancellationToken cancellationToken)
    {
        var request = input.Request;
        using var span = JobTrace.StartForJob(ActivityNames.Archive, input.TraceParent, input.JobId, request.Provider, request.Model);
        var archive = new ArchiveRequest(
            input.JobId, request.Provider, request.Model, input.Task.TaskId, input.Container, input.BlobName);
        var started = time.GetTimestamp();
        try
        {
            var result = await archiver.ArchiveAsync(
                archive, ct => providers.GetClient(request.Provider).OpenResultAsync(input.Task, ct), cancellationToken);
            span?.SetTag(TelemetryTags.ArchiveBytes, result.Bytes);
            if (!result.AlreadyExisted)
            {
                PipelineTelemetry.VideoArchived(request.Provider, request.Model, result.Bytes, time.GetElapsedTime(started));
            }

            return new ArchiveVideoResult(
                new Jobs.OutputView(result.Container, result.BlobName, result.BlobUri.AbsoluteUri, result.Bytes,
                    result.ContentType, result.Sha256),
                null);
        }
        catch (ArchiveException e)
        {
            JobTrace.SetError(span, e.Code);
            return new ArchiveVideoResult(null, new ActivityError(e.Code, e.Message, e.IsTransient));
        }
    }
}
