using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPipeline.Engine.Tests.Infrastructure;
using VideoPipeline.Engine.Tests.Tasks;
using VideoPipeline.Testing;

namespace VideoPipeline.Engine.Tests;

/// <summary>
/// Extended sessions on Azure Storage: the episodes that follow quickly run from the history the session kept in memory
/// instead of reading it back, and the worker still replays every earlier event of the session.
/// </summary>
public sealed class AzureStorageExtendedSessionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <remarks>Three episodes: the start and one per activity result; a session reads the history for the first only.</remarks>
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    public async Task Echo_TwoActivitiesInARow_CompletesReadingTheHistoryOnlyWithoutASession(bool extendedSessions, int historyReads)
    {
        var reads = new HistoryReadLog();
        await using var host = await EngineHost.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Storage:ConnectionString"] = azurite.ConnectionString,
                    ["DurableTask:TaskHubName"] = extendedSessions ? "WithSessions" : "WithoutSessions",
                    ["DurableTask:WorkerId"] = "session-worker",
                    ["DurableTask:ExtendedSessionsEnabled"] = extendedSessions.ToString(),
                    // Long enough for each activity's result to come back within the session on a loaded machine.
                    ["DurableTask:ExtendedSessionIdleTimeout"] = "00:00:30",
                });
                builder.Services.AddAzureStorageOrchestrationService(builder.Configuration);
            },
            services => services.AddSingleton<ILoggerProvider>(reads));
        var id = $"echo-{Guid.NewGuid():N}";

        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            TestTasks.Echo, new TestTasks.Greeting("Ada", 2), new StartOrchestrationOptions(id));
        using var guard = new CancellationTokenSource(EngineHost.Guard);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, guard.Token);

        // The second activity's result replays the first's: with a session, both are events of the same session.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<TestTasks.EchoResult>()!;
        Assert.Equal(2, result.Scopes.Count);
        Assert.Equal(historyReads, reads.ReadsOf(id));
    }
}
