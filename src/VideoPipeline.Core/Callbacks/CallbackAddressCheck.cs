using Microsoft.Extensions.Hosting;

namespace VideoPipeline.Core.Callbacks;

/// <summary>
/// Checks <c>Pipeline:PublicBaseUrl</c> against the providers' callback rules when the host starts, so a refused
/// address is reported at once, in one warning, rather than when the first job arrives.
/// </summary>
internal sealed class CallbackAddressCheck(CallbackAvailability callbacks) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => callbacks.CheckPublicBaseUrlAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
