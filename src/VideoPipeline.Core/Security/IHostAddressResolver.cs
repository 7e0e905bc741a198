using System.Net;

namespace VideoPipeline.Core.Security;

/// <summary>DNS resolution, behind an interface so the URL rules can be checked against known answers.</summary>
public interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
