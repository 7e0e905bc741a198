using System.Net.Sockets;
using Polly.Timeout;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Tests.Providers;

/// <summary>
/// Transport failures that cannot be produced on a loopback-only machine (DNS, TLS), classified from the exceptions
/// SocketsHttpHandler throws for them. Refused and dropped connections are covered over real HTTP.
/// </summary>
public sealed class ProviderErrorsTests
{
    private static readonly HttpRequestMessage Request = new(HttpMethod.Post, "https://api.example/v1/videos/generations");

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    [InlineData(HttpRequestError.ProxyTunnelError)]
    public void FromTransport_FailureBeforeSending_IsTransientAndNotProcessed(HttpRequestError kind)
    {
        var error = ProviderErrors.FromTransport(ProviderName.FoxApi, Request, new HttpRequestException(kind, "failed"), TimeSpan.FromSeconds(30));

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public void FromTransport_DnsFailureWithoutCategory_IsNotProcessed()
    {
        var exception = new HttpRequestException("Name or service not known", new SocketException((int)SocketError.HostNotFound));

        Assert.False(ProviderErrors.FromTransport(ProviderName.FoxApi, Request, exception, TimeSpan.FromSeconds(30))!.RequestMayHaveBeenProcessed);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.InvalidResponse)]
    [InlineData(HttpRequestError.Unknown)]
    public void FromTransport_FailureAfterSending_MayHaveBeenProcessed(HttpRequestError kind)
    {
        var error = ProviderErrors.FromTransport(ProviderName.FoxApi, Request, new HttpRequestException(kind, "failed"), TimeSpan.FromSeconds(30));

        Assert.True(error!.IsTransient);
        Assert.True(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public void FromTransport_AttemptTimeout_MayHaveBeenProcessed()
    {
        var error = ProviderErrors.FromTransport(ProviderName.FoxApi, Request, new TimeoutRejectedException(), TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error!.Code);
        Assert.True(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public void FromTransport_OtherException_IsNotClassified()
    {
        Assert.Null(ProviderErrors.FromTransport(ProviderName.FoxApi, Request, new InvalidOperationException(), TimeSpan.FromSeconds(30)));
    }
}
