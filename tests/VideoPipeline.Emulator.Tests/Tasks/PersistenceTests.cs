using System.Net;
using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Tasks;

/// <summary>
/// An emulator stopped and started again on the same <see cref="EmulatorOptions.DataDirectory"/> keeps its tasks, as a
/// real provider does: status, schedule, results, limits and owed callbacks carry on. A manual clock shared by both
/// runs makes "on schedule" exact.
/// </summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"emulator-data-{Guid.NewGuid():N}");
    private readonly ManualTimeProvider _clock = new();
    private CallbackReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await CallbackReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("foxapi")]
    [InlineData("openai")]
    [InlineData("apixo")]
    public async Task Restart_TaskInFlight_KeepsItsStatusCompletesOnScheduleAndServesItsResult(string provider)
    {
        string id;
        await using (var first = await StartAsync())
        using (var client = new EmulatorClient(first))
        {
            id = await CreateAsync(client, provider, Prompts.Unique("[emu:seconds=10] [emu:bytes=100000]"));
            _clock.Advance(TimeSpan.FromSeconds(4));
        }

        await using var second = await StartAsync();
        using var restarted = new EmulatorClient(second);
        var during = await StatusAsync(restarted, provider, id);
        _clock.Advance(TimeSpan.FromSeconds(5.9));
        var justBefore = await StatusAsync(restarted, provider, id);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        var (http, url) = await restarted.WaitForResultAsync(provider, id);
        using var download = await http.GetAsync(OnServer(second, url));

        Assert.Equal("processing", during);
        Assert.Equal("processing", justBefore);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(100_000, (await download.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Restart_CallbackOwed_IsSentOnceByTheNewRunAndADeliveredOneIsNotRepeated()
    {
        var delivered = Guid.NewGuid().ToString("N");
        var owed = Guid.NewGuid().ToString("N");
        string deliveredId;
        string owedId;
        await using (var first = await StartAsync())
        using (var client = new EmulatorClient(first))
        {
            deliveredId = await client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=1]"), _receiver.UrlFor(delivered));
            owedId = await client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=10]"), _receiver.UrlFor(owed));
            _clock.Advance(TimeSpan.FromSeconds(1));
            await _receiver.WaitForAsync(delivered, 1);

            // The emulator notes a delivery once the receiver's answer is in; stopping before that would owe it again.
            await Poll.UntilAsync(() => File.ReadAllTextAsync(TaskFile(deliveredId)),
                json => json.Contains("\"callbacksFinished\":true", StringComparison.Ordinal), what: "the delivery noted on disk");
        }

        await using var second = await StartAsync();
        _clock.Advance(TimeSpan.FromSeconds(9));
        var received = await _receiver.WaitForAsync(owed, 1);

        Assert.Equal(owedId, received[0].Json.GetProperty("data").Str("taskId"));
        Assert.Equal("success", received[0].Json.GetProperty("data").Str("state"));
        Assert.Single(_receiver.For(delivered));
    }

    [Fact]
    public async Task Restart_ApixoTasksRunning_StillCountAgainstTheConcurrentLimit()
    {
        await using (var first = await StartAsync())
        using (var client = new EmulatorClient(first))
        {
            for (var i = 0; i < 10; i++)
            {
                await client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=60]"));
            }
        }

        await using var second = await StartAsync();
        using var restarted = new EmulatorClient(second);
        using var eleventh = await restarted.SubmitAsync("apixo", Prompts.Unique("[emu:seconds=60]"));

        Assert.Equal(429, (await eleventh.ReadJsonAsync(429)).GetProperty("code").GetInt32());
        Assert.Equal("60", eleventh.Header("Retry-After"));
    }

    [Fact]
    public async Task Restart_OpenAiVideoDeletedAndListed_StaysDeletedAndNewVideosListFirst()
    {
        string deleted;
        string kept;
        await using (var first = await StartAsync())
        using (var client = new EmulatorClient(first))
        {
            deleted = await client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=1]"));
            kept = await client.CreateOpenAiVideoAsync(Prompts.Unique("[emu:seconds=1]"));
            _clock.Advance(TimeSpan.FromSeconds(1));
            using var delete = await client.OpenAi.DeleteAsync($"v1/videos/{deleted}");
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        await using var second = await StartAsync();
        using var restarted = new EmulatorClient(second);
        var newest = await restarted.CreateOpenAiVideoAsync(Prompts.Unique());
        using var retrieveDeleted = await restarted.OpenAi.GetAsync($"v1/videos/{deleted}");
        using var list = await restarted.OpenAi.GetAsync("v1/videos");
        var ids = (await list.ReadJsonAsync(200)).GetProperty("data").EnumerateArray().Select(v => v.Str("id")).ToList();

        Assert.Equal(HttpStatusCode.NotFound, retrieveDeleted.StatusCode);
        Assert.Equal([newest, kept], ids);
    }

    [Fact]
    public async Task Reset_ThenRestart_TasksAreGone()
    {
        string id;
        await using (var first = await StartAsync())
        using (var client = new EmulatorClient(first))
        {
            id = await client.CreateFoxTaskAsync(Prompts.Unique());
            using var reset = await client.Anonymous.PostAsync("emulator/reset", null);
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await using var second = await StartAsync();
        using var restarted = new EmulatorClient(second);
        using var status = await restarted.FoxApi.GetAsync($"v1/tasks/{id}");

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task Start_UnreadableTaskFile_SkipsItAndKeepsTheOthers()
    {
        string id;
        await using (var first = await StartAsync())
        using (var client = new EmulatorClient(first))
        {
            id = await client.CreateFoxTaskAsync(Prompts.Unique());
        }

        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "tasks", "task-unified-1-broken.json"), "{ not json");
        await using var second = await StartAsync();
        using var restarted = new EmulatorClient(second);

        Assert.Equal("pending", (await restarted.GetFoxTaskAsync(id)).Str("status"));
    }

    [Fact]
    public async Task Start_WithoutDataDirectory_ForgetsTasksOnRestart()
    {
        string id;
        await using (var first = await EmulatorServer.StartAsync(null, _clock, CancellationToken.None))
        using (var client = new EmulatorClient(first))
        {
            id = await client.CreateFoxTaskAsync(Prompts.Unique());
        }

        await using var second = await EmulatorServer.StartAsync(null, _clock, CancellationToken.None);
        using var restarted = new EmulatorClient(second);
        using var status = await restarted.FoxApi.GetAsync($"v1/tasks/{id}");

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    /// <summary>The tests' usual settings, but with APIXO's documented limits, which a restart must keep enforcing.</summary>
    private Task<EmulatorServer> StartAsync() => EmulatorServer.StartAsync(
        TestOptions.With(_receiver, o =>
        {
            o.DataDirectory = _dataDirectory;
            o.Apixo.RateLimit = new ApixoEmulatorOptions().RateLimit;
        }),
        _clock,
        CancellationToken.None);

    private string TaskFile(string id) => Path.Combine(_dataDirectory, "tasks", $"{id}.json");

    private static Task<string> CreateAsync(EmulatorClient client, string provider, string prompt) => provider switch
    {
        "foxapi" => client.CreateFoxTaskAsync(prompt),
        "openai" => client.CreateOpenAiVideoAsync(prompt),
        _ => client.CreateApixoTaskAsync(prompt),
    };

    private static async Task<string> StatusAsync(EmulatorClient client, string provider, string id) => provider switch
    {
        "foxapi" => (await client.GetFoxTaskAsync(id)).Str("status")!,
        "openai" => (await client.GetOpenAiVideoAsync(id)).Str("status")!.Replace("in_progress", "processing", StringComparison.Ordinal),
        _ => (await client.GetApixoTaskAsync(id)).GetProperty("data").Str("state")!,
    };

    /// <summary>
    /// Result links carry the origin of the run that created the task; the test's runs listen on different free ports,
    /// where <c>./run.sh</c> restarts on the same one.
    /// </summary>
    private static Uri OnServer(EmulatorServer server, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            ? new Uri(server.BaseUrl, absolute.PathAndQuery)
            : new Uri(server.BaseUrl, url);
}
