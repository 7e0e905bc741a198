using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Emulator;

/// <summary>
/// The emulator running in-process on a free loopback port, for tests and benchmarks. Configuration comes only from
/// <c>configure</c>: no files, no environment variables.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseUrl, EmulatorOptions options)
    {
        _app = app;
        BaseUrl = baseUrl;
        Options = options;
    }

    /// <summary>Root of all three dialects, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    public EmulatorOptions Options { get; }

    public static Task<EmulatorServer> StartAsync(Action<EmulatorOptions>? configure = null, CancellationToken cancellationToken = default) =>
        StartAsync(configure, TimeProvider.System, cancellationToken);

    internal static async Task<EmulatorServer> StartAsync(
        Action<EmulatorOptions>? configure, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddEmulator(configure);

        var app = builder.Build();
        app.MapEmulator();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"), options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
