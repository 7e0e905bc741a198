using System.Net;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Callbacks;

/// <summary><c>[emu:callback=…]</c> on a manual clock, so "before", "half-way" and "after" are exact.</summary>
public sealed class CallbackDirectiveTests(ManualClockFixture fixture) : IClassFixture<ManualClockFixture>
{
    private EmulatorClient Client => fixture.Client;

    private CallbackReceiver Receiver => fixture.Receiver;

    private ManualTimeProvider Clock => fixture.Clock;

    [Fact]
    public async Task CallbackEarly_HalfWay_ClaimsCompletionWhileStatusSaysProcessing()
    {
        var name = Guid.NewGuid().ToString("N");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=10][emu:callback=early]"), Receiver.UrlFor(name));

        Clock.Advance(TimeSpan.FromSeconds(5));
        var claim = (await Receiver.WaitForAsync(name, 1))[0].Json;
        var status = await Client.GetFoxTaskAsync(id);
        using var prematureDownload = await Client.Anonymous.GetAsync(claim.GetProperty("results")[0].GetString());

        Assert.Equal("completed", claim.Str("status"));
        Assert.Equal("processing", status.Str("status"));
        Assert.Equal(HttpStatusCode.NotFound, prematureDownload.StatusCode);

        Clock.Advance(TimeSpan.FromSeconds(5));
        var received = await Receiver.WaitForAsync(name, 2);
        Assert.Equal("completed", received[1].Json.Str("status"));
        Assert.Equal("completed", (await Client.GetFoxTaskAsync(id)).Str("status"));
    }

    [Fact]
    public async Task CallbackLate_AfterCompletion_ArrivesOnlyAfterTheConfiguredDelay()
    {
        var late = Guid.NewGuid().ToString("N");
        var sentinel = Guid.NewGuid().ToString("N");
        var id = await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=2][emu:callback=late]"), Receiver.UrlFor(late));
        await Client.CreateApixoTaskAsync(Prompts.Unique("[emu:seconds=2]"), Receiver.UrlFor(sentinel));

        Clock.Advance(TimeSpan.FromSeconds(2));
        await Receiver.WaitForAsync(sentinel, 1);

        Assert.Equal("success", (await Client.GetApixoTaskAsync(id)).GetProperty("data").Str("state"));
        Assert.Empty(Receiver.For(late));

        Clock.Advance(fixture.Emulator.Options.LateCallbackDelay);
        var received = await Receiver.WaitForAsync(late, 1);
        Assert.Equal("success", received[0].Json.GetProperty("data").Str("state"));
    }

    [Fact]
    public async Task CallbackDuplicate_AtCompletion_DeliversTheSameCallbackTwice()
    {
        var name = Guid.NewGuid().ToString("N");
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=1][emu:callback=duplicate]"), Receiver.UrlFor(name));

        Clock.Advance(TimeSpan.FromSeconds(1));
        var received = await Receiver.WaitForAsync(name, 2);

        Assert.Equal(received[0].BodyText, received[1].BodyText);
        Assert.Equal(id, received[0].Json.Str("id"));
    }

    [Fact]
    public async Task CallbackNone_AtCompletion_SendsNothing()
    {
        var silent = Guid.NewGuid().ToString("N");
        var sentinel = Guid.NewGuid().ToString("N");
        await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=1][emu:callback=none]"), Receiver.UrlFor(silent));
        await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=1]"), Receiver.UrlFor(sentinel));

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Receiver.WaitForAsync(sentinel, 1);

        Assert.Empty(Receiver.For(silent));
    }

    [Fact]
    public async Task Callback_BeforeCompletion_IsNotSent()
    {
        var name = Guid.NewGuid().ToString("N");
        var sentinel = Guid.NewGuid().ToString("N");
        await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=4]"), Receiver.UrlFor(name));
        await Client.CreateFoxTaskAsync(Prompts.Unique("[emu:seconds=3]"), Receiver.UrlFor(sentinel));

        Clock.Advance(TimeSpan.FromSeconds(3));
        await Receiver.WaitForAsync(sentinel, 1);
        Assert.Empty(Receiver.For(name));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await Receiver.WaitForAsync(name, 1));
    }
}
