using System.Net;
using System.Text.Json;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Stats;

public sealed class TimelineTests
{
    [Fact]
    public async Task Timeline_AfterStatusChecks_ListsWhenEachWasMade()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await EmulatorServer.StartAsync(null, clock, CancellationToken.None);
        using var client = new EmulatorClient(emulator);
        var created = clock.GetUtcNow();
        var id = await client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=10]"));
        await client.GetFoxTaskAsync(id);
        clock.Advance(TimeSpan.FromSeconds(4));
        await client.GetFoxTaskAsync(id);
        clock.Advance(TimeSpan.FromSeconds(7.5));
        await client.GetFoxTaskAsync(id);

        using var response = await client.Anonymous.GetAsync($"emulator/tasks/{id}");
        var timeline = await response.ReadJsonAsync(200);

        Assert.Equal(id, timeline.Str("id"));
        Assert.Equal("foxapi", timeline.Str("provider"));
        Assert.Equal(created, timeline.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(created.AddSeconds(10), timeline.GetProperty("completesAt").GetDateTimeOffset());
        Assert.Equal(
            [created, created.AddSeconds(4), created.AddSeconds(11.5)],
            Times(timeline, "statusChecks"));
        Assert.Empty(Times(timeline, "callbacksDelivered"));
    }

    [Fact]
    public async Task Tasks_AfterACallback_ListEveryTaskWithItsDeliveries()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await EmulatorServer.StartAsync(TestOptions.With(receiver));
        using var client = new EmulatorClient(emulator);
        var name = Guid.NewGuid().ToString("N");
        var calledBack = await client.CreateFoxTaskAsync(Prompts.Unique(), receiver.UrlFor(name, failFirst: 1));
        var polled = await client.CreateApixoTaskAsync(Prompts.Unique());
        await client.WaitForApixoTaskAsync(polled, "success");
        await receiver.WaitForAsync(name, 2);

        var tasks = await Poll.UntilAsync(
            async () =>
            {
                using var response = await client.Anonymous.GetAsync("emulator/tasks");
                return (await response.ReadJsonAsync(200)).GetProperty("tasks");
            },
            list => Times(Find(list, calledBack), "callbacksDelivered").Length == 1);

        Assert.Equal([calledBack, polled], tasks.EnumerateArray().Select(t => t.Str("id")));
        var delivered = Times(Find(tasks, calledBack), "callbacksDelivered").Single();
        Assert.True(delivered >= Find(tasks, calledBack).GetProperty("completesAt").GetDateTimeOffset());
        Assert.Empty(Times(Find(tasks, calledBack), "statusChecks"));
        Assert.NotEmpty(Times(Find(tasks, polled), "statusChecks"));
        Assert.Empty(Times(Find(tasks, polled), "callbacksDelivered"));
    }

    [Fact]
    public async Task Timeline_UnknownTask_Returns404Problem()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var client = new EmulatorClient(emulator);

        using var response = await client.Anonymous.GetAsync("emulator/tasks/task-unified-0-missing");
        var problem = await response.ReadJsonAsync(404);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("task-unified-0-missing", problem.Str("detail"));
    }

    private static JsonElement Find(JsonElement tasks, string id) => tasks.EnumerateArray().Single(t => t.Str("id") == id);

    private static DateTimeOffset[] Times(JsonElement timeline, string name) =>
        timeline.GetProperty(name).EnumerateArray().Select(t => t.GetDateTimeOffset()).ToArray();
}
