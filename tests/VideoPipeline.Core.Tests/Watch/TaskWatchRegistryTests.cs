using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Storage;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Watch;

public class TaskWatchRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTime Submitted = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private readonly TaskWatchRegistry _registry = new(new PipelineStateContainer(
        new BlobServiceClient(azurite.ConnectionString),
        Options.Create(new PipelineOptions { StateContainer = $"state-{Guid.NewGuid():N}" })));

    private static WatchedTask Task(string jobId, int progress = 0) => new(
        jobId,
        new ProviderTaskRef(ProviderName.FoxApi, "sora-2", $"task-{jobId}"),
        new JobPlan
        {
            WaitMode = WaitMode.Poll,
            Deadline = TimeSpan.FromMinutes(30),
            MinPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(60),
            TaskWatchSafetyNetInterval = TimeSpan.FromMinutes(30),
            TypicalGenerationTime = TimeSpan.FromSeconds(105),
            Container = "videos",
            BlobName = $"{jobId}.mp4",
        },
        Submitted,
        new ProviderTask($"task-{jobId}", ProviderTaskStatus.Running, "processing", progress),
        Submitted.AddSeconds(progress));

    [Fact]
    public async Task ListAsync_BeforeAnyRegistration_IsEmpty() =>
        Assert.Empty(await _registry.ListAsync(CancellationToken.None));

    [Fact]
    public async Task ListAsync_SavedTasks_ListedWithTheETagsTheirWritesReturned()
    {
        var first = await _registry.SaveAsync(Task("job-a"), CancellationToken.None);
        var second = await _registry.SaveAsync(Task("job-b"), CancellationToken.None);

        var listed = await _registry.ListAsync(CancellationToken.None);

        // The watch re-reads a registration only when its ETag changed: a listing must compare equal to the write's.
        Assert.Equal([("job-a", first), ("job-b", second)], listed.OrderBy(r => r.JobId));
    }

    [Fact]
    public async Task ReadAsync_SavedTask_RoundTripsWithItsETag()
    {
        var saved = Task("job-a", progress: 40);
        var etag = await _registry.SaveAsync(saved, CancellationToken.None);

        var (read, readETag) = (await _registry.ReadAsync("job-a", CancellationToken.None))!.Value;

        Assert.Equal(etag, readETag);
        Assert.Equal(saved with { Plan = read.Plan, Latest = read.Latest }, read);
        Assert.Equal(saved.Plan, read.Plan);
        Assert.Equal(40, read.Latest.Progress);
        Assert.Equal(DateTimeKind.Utc, read.CheckedAt.Kind);
        Assert.Null(await _registry.ReadAsync("job-unknown", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_RegisteredAgainSince_KeepsTheNewRegistration()
    {
        var old = await _registry.SaveAsync(Task("job-a"), CancellationToken.None);
        var renewed = await _registry.SaveAsync(Task("job-a", progress: 50), CancellationToken.None);

        await _registry.DeleteAsync("job-a", old, CancellationToken.None);
        Assert.Equal([("job-a", renewed)], await _registry.ListAsync(CancellationToken.None));

        await _registry.DeleteAsync("job-a", renewed, CancellationToken.None);
        Assert.Empty(await _registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_NothingEverRegistered_DoesNothing()
    {
        await _registry.DeleteAsync("job-a", ifMatch: null, CancellationToken.None);

        Assert.Empty(await _registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordJobOutcome_JobThatHadATask_EndsItsRegistrationAndNoOther()
    {
        await _registry.SaveAsync(Task("job-ended"), CancellationToken.None);
        await _registry.SaveAsync(Task("job-waiting"), CancellationToken.None);
        await using var providers = ProviderTestHost.CreateOffline();
        using var watch = new TaskWatchSweeper(
            _registry,
            new CheckVideoStatusActivity(providers.Services.GetRequiredService<IVideoProviderResolver>()),
            Options.Create(new TaskWatchOptions()),
            TimeProvider.System,
            NullLogger<TaskWatchSweeper>.Instance);
        var outcome = new VideoJobResult { Status = JobStatus.Succeeded, ProviderTaskId = "task-job-ended", Timings = new JobTimings(Submitted) };

        // Ended by a provider callback, say: the watch never told it, so its registration is still there.
        await new RecordJobOutcomeActivity(watch).RunAsync(
            new JobOutcome("job-ended", ProviderName.FoxApi, "sora-2", outcome), CancellationToken.None);

        Assert.Equal(["job-waiting"], (await _registry.ListAsync(CancellationToken.None)).Select(r => r.JobId));
    }
}
