using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Testing.Http;
using static VideoPipeline.Testing.Http.ScriptedHttpServer;

namespace VideoPipeline.Core.Tests.Admission;

/// <summary>A submit pays for its request before the ledger says "sending"; the HTTP handler must not charge it twice.</summary>
public sealed class PrepaidProviderRequestTests : IAsyncLifetime
{
    private const string SubmitPath = "/v1/videos/generations";
    private ScriptedHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await StartAsync();
        _server.On("POST", SubmitPath, Json(200, """{"id":"task-1","status":"pending"}"""));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ProviderTestHost OneRequestPerMinute() =>
        ProviderTestHost.Create(_server, new Dictionary<string, string?> { ["Providers:FoxApi:RequestsPerMinute"] = "1" });

    private static ProviderSubmission Submission() => Submissions.For(ProviderName.FoxApi, "sora-2", Submissions.Prompt("p"));

    [Fact]
    public async Task SubmitAsync_Prepaid_SendsWithoutTakingAnotherRequest()
    {
        await using var host = OneRequestPerMinute();
        var budget = host.Services.GetRequiredService<IProviderRequestBudget>();

        Assert.True((await budget.AcquireAsync(ProviderName.FoxApi, CancellationToken.None)).IsAcquired);
        using (PrepaidProviderRequest.Begin(ProviderName.FoxApi))
        {
            await host.Client(ProviderName.FoxApi).SubmitAsync(Submission());
        }

        Assert.Single(_server.RequestsTo("POST", SubmitPath));
    }

    [Fact]
    public async Task SubmitAsync_PrepaidOnce_SecondRequestPaysAgain()
    {
        await using var host = OneRequestPerMinute();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        using (PrepaidProviderRequest.Begin(ProviderName.FoxApi))
        {
            await host.Client(ProviderName.FoxApi).SubmitAsync(Submission());
            await host.Client(ProviderName.FoxApi).SubmitAsync(Submission()); // takes the bucket's only token
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => host.Client(ProviderName.FoxApi).SubmitAsync(Submission(), cancellation.Token));
        }

        Assert.Equal(2, _server.RequestsTo("POST", SubmitPath).Count);
    }

    [Fact]
    public async Task SubmitAsync_PrepaidForAnotherProvider_StillPays()
    {
        await using var host = OneRequestPerMinute();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await host.Client(ProviderName.FoxApi).SubmitAsync(Submission());

        using (PrepaidProviderRequest.Begin(ProviderName.Apixo))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => host.Client(ProviderName.FoxApi).SubmitAsync(Submission(), cancellation.Token));
        }

        Assert.Single(_server.RequestsTo("POST", SubmitPath));
    }
}
