using System.Net;
using System.Net.Sockets;
using VideoPipeline.Core.Security;

namespace VideoPipeline.Core.Tests.Jobs;

/// <summary>Fixed DNS answers: this machine has no DNS for public names, and the tests need known answers.</summary>
public sealed class StaticHostAddressResolver : IHostAddressResolver
{
    private readonly Dictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cdn.example.com"] = [IPAddress.Parse("93.184.216.34")],
        ["pipeline.example.com"] = [IPAddress.Parse("93.184.216.40")],
        ["app.example.com"] = [IPAddress.Parse("93.184.216.35"), IPAddress.Parse("2606:2800:220:1::1")],
        ["rebind.example.com"] = [IPAddress.Parse("93.184.216.36"), IPAddress.Parse("10.0.0.5")],
        ["internal.example.com"] = [IPAddress.Parse("192.168.1.20")],
        ["metadata.example.com"] = [IPAddress.Parse("169.254.169.254")],
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
    };

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
