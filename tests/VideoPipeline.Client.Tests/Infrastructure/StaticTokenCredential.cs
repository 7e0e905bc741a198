using System.Collections.Concurrent;
using Azure.Core;

namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>A fixed token (Microsoft Entra ID cannot run here), recording which scopes were asked for.</summary>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    public ConcurrentQueue<string> RequestedScopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            RequestedScopes.Enqueue(scope);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
