using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Tests.Jobs;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing.Http;
using VideoPipeline.Testing;
using static VideoPipeline.Testing.Http.ScriptedHttpServer;

namespace VideoPipeline.Core.Tests.Activities;

/// <summary>
/// The submit activity with Core's real registrations, its ledger on Azurite and a scripted FoxAPI. The engine delivers
/// activities at least once, possibly a duplicate while the original still runs: each attempt must be sent once.
/// </summary>
public sealed class SubmitVideoJobActivityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string SubmitPath = "/v1/videos/generations";
    private const string Accepted = """{"id":"task-unified-1","object":"video.generation.task","model":"sora-2","status":"pending","progress":0,"created":1700000000,"task_info":{"can_cancel":false,"estimated_time":60},"type":"video"}""";

    private ScriptedHttpServer _provider = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _provider = await ScriptedHttpServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Pipeline:StateContainer"] = $"state-{Guid.NewGuid():N}",
            ["Providers:FoxApi:BaseUrl"] = _provider.BaseUrl.AbsoluteUri,
            ["Providers:FoxApi:ApiKey"] = "fox-key",
        }).Build();
        var services = new ServiceCollection().AddLogging()
            .AddVideoPipelineCore(configuration)
            .AddPipelineStorage(configuration)
            .AddVideoProviders(configuration);
        services.Replace(ServiceDescriptor.Singleton<IHostAddressResolver, StaticHostAddressResolver>());
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private SubmitVideoJobActivity Activity() => _services.GetRequiredService<SubmitVideoJobActivity>();

    private SubmissionLedger Ledger => _services.GetRequiredService<SubmissionLedger>();

    private static SubmitJobInput Input(string jobId) => new(
        jobId, 1,
        new JobRequest { Provider = ProviderName.FoxApi, Model = "sora-2", Prompt = "waves", DurationSeconds = 4, AspectRatio = "16:9" },
        CallbackUrl: null, ResubmitWhenOutcomeUnknown: false);

    [Fact]
    public async Task RunAsync_DuplicateRunsOfOneAttemptAtOnce_SendOneRequestAndAllAnswerItsTask()
    {
        // The provider answers slowly, so every duplicate starts while the first request is in flight.
        _provider.On("POST", SubmitPath, async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await Json(200, Accepted)(context);
        });
        var input = Input($"job-{Guid.NewGuid():N}");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Activity().RunAsync(input, CancellationToken.None)));

        Assert.Single(_provider.RequestsTo("POST", SubmitPath));
        Assert.All(results, result => Assert.Equal("task-unified-1", result.Task?.TaskId));
    }

    [Fact]
    public async Task RunAsync_AttemptClaimedByARunThatVanished_FailsOutcomeUnknownWithoutSending()
    {
        var input = Input($"job-{Guid.NewGuid():N}");
        Assert.True(await Ledger.TryClaimAsync(input.JobId, input.Attempt, DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None));

        var result = await Activity().RunAsync(input, CancellationToken.None);

        Assert.Equal(ErrorCodes.SubmissionOutcomeUnknown, result.Error?.Code);
        Assert.Empty(_provider.RequestsTo("POST", SubmitPath));
    }

    [Fact]
    public async Task RunAsync_AttemptTheProviderRefused_AnswersTheRecordedRefusalWithoutSendingAgain()
    {
        _provider.On("POST", SubmitPath, Json(400, """{"error":{"message":"prompt rejected","type":"invalid_request_error"}}"""));
        var input = Input($"job-{Guid.NewGuid():N}");

        var first = await Activity().RunAsync(input, CancellationToken.None);
        var again = await Activity().RunAsync(input, CancellationToken.None);

        Assert.Single(_provider.RequestsTo("POST", SubmitPath));
        Assert.NotNull(first.Error);
        Assert.Equal(first.Error, again.Error);
    }
}
