using System.Net;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Limits;

/// <summary>Provider limits on a manual clock, so windows and <c>Retry-After</c> values are exact.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task ApixoConcurrentLimit_ByDefault_EleventhTaskGets429UntilASlotFrees()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await EmulatorServer.StartAsync(null, clock, CancellationToken.None);
        using var client = new EmulatorClient(emulator);
        for (var i = 0; i < 10; i++)
        {
            await client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=30]"));
        }

        using var rejected = await client.SubmitAsync("apixo", Prompts.Unique("[emu:seconds=30]"));
        clock.Advance(TimeSpan.FromSeconds(30));
        using var accepted = await client.SubmitAsync("apixo", Prompts.Unique("[emu:seconds=30]"));

        Assert.Equal(429, (await rejected.ReadJsonAsync(429)).GetProperty("code").GetInt32());
        Assert.Equal("30", rejected.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var stats = await client.GetStatsAsync();
        Assert.Equal(10, stats.Stat("providers", "apixo", "maxRunningTasks"));
        Assert.Equal(1, stats.Stat("providers", "apixo", "runningTasks"));
        Assert.Equal(1, stats.Stat("providers", "apixo", "rateLimited"));
    }

    [Fact]
    public async Task ApixoRequestLimit_ByDefault_SixtyFirstRequestInAMinuteGets429UntilTheWindowMoves()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await EmulatorServer.StartAsync(null, clock, CancellationToken.None);
        using var client = new EmulatorClient(emulator);
        const string status = "api/v1/statusTask/sora-2-pro?taskId=missing";
        for (var i = 0; i < 60; i++)
        {
            using var allowed = await client.Apixo.GetAsync(status);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        using var limited = await client.Apixo.GetAsync(status);
        clock.Advance(TimeSpan.FromSeconds(29));
        using var stillLimited = await client.Apixo.GetAsync(status);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var allowedAgain = await client.Apixo.GetAsync(status);

        Assert.Equal(429, (await limited.ReadJsonAsync(429)).GetProperty("code").GetInt32());
        Assert.Equal("30", limited.Header("Retry-After"));
        Assert.Equal("1", stillLimited.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.NotFound, allowedAgain.StatusCode);
    }

    [Fact]
    public async Task RateLimits_ByDefault_NoneForFoxApiAndOpenAi()
    {
        await using var emulator = await EmulatorServer.StartAsync(o => o.DefaultGenerationSeconds = 600);
        using var client = new EmulatorClient(emulator);

        for (var i = 0; i < 12; i++)
        {
            await client.CreateFoxTaskAsync(Prompts.Unique());
            await client.CreateOpenAiVideoAsync(Prompts.Unique());
        }

        for (var i = 0; i < 61; i++)
        {
            using var fox = await client.FoxApi.GetAsync("v1/tasks/missing");
            using var openAi = await client.OpenAi.GetAsync("v1/videos/missing");
            Assert.Equal(HttpStatusCode.NotFound, fox.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, openAi.StatusCode);
        }

        Assert.Equal(0, (await client.GetStatsAsync()).Stat("overall", "rateLimited"));
    }

    [Fact]
    public async Task ApixoLimits_SetToZero_AreLifted()
    {
        await using var emulator = await EmulatorServer.StartAsync(o =>
        {
            o.DefaultGenerationSeconds = 600;
            o.Apixo.RateLimit = new RateLimitOptions { RequestsPerMinute = 0, MaxConcurrentTasks = 0 };
        });
        using var client = new EmulatorClient(emulator);

        for (var i = 0; i < 12; i++)
        {
            await client.CreateApixoTaskAsync(Prompts.Unique());
        }

        for (var i = 0; i < 61; i++)
        {
            using var response = await client.Apixo.GetAsync("api/v1/statusTask/sora-2-pro?taskId=missing");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(0, (await client.GetStatsAsync()).Stat("overall", "rateLimited"));
    }

    [Fact]
    public async Task FoxApiRequestLimit_WhenConfigured_AnswersRateLimitError()
    {
        await using var emulator = await EmulatorServer.StartAsync(o => o.FoxApi.RateLimit = new RateLimitOptions { RequestsPerMinute = 2 });
        using var client = new EmulatorClient(emulator);

        using var first = await client.FoxApi.GetAsync("v1/tasks/a");
        using var second = await client.FoxApi.GetAsync("v1/tasks/b");
        using var third = await client.FoxApi.GetAsync("v1/tasks/c");
        using var otherProvider = await client.Apixo.GetAsync("api/v1/statusTask/sora-2-pro?taskId=c");

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("rate_limit_error", (await third.ReadJsonAsync(429)).GetProperty("error").Str("type"));
        Assert.NotNull(third.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.NotFound, otherProvider.StatusCode);
    }

    [Fact]
    public async Task OpenAiConcurrentLimit_WhenConfigured_AnswersRateLimitExceeded()
    {
        await using var emulator = await EmulatorServer.StartAsync(o =>
        {
            o.DefaultGenerationSeconds = 600;
            o.OpenAi.RateLimit = new RateLimitOptions { MaxConcurrentTasks = 1 };
        });
        using var client = new EmulatorClient(emulator);
        await client.CreateOpenAiVideoAsync(Prompts.Unique());

        using var second = await client.CreateOpenAiAsync(Prompts.Unique());

        var error = (await second.ReadJsonAsync(429)).GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.Str("code"));
        Assert.NotNull(second.Header("Retry-After"));
    }

    [Fact]
    public async Task ConcurrentLimit_ParallelSubmissions_NeverAdmitMoreThanTheLimit()
    {
        await using var emulator = await EmulatorServer.StartAsync(o =>
        {
            o.DefaultGenerationSeconds = 600;
            o.Apixo.RateLimit.RequestsPerMinute = 0;
        });
        using var client = new EmulatorClient(emulator);

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => client.SubmitAsync("apixo", Prompts.Unique())));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(10, (await client.GetStatsAsync()).Stat("providers", "apixo", "maxRunningTasks"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
