using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// A blob service client signed in with an Entra token instead of a key, as with managed identity on Azure, whose
/// delegation keys come from the test: Azurite only issues them over HTTPS with OAuth, and no Entra tenant is here.
/// </summary>
internal sealed class DelegationKeyBlobServiceClient()
    : BlobServiceClient(new Uri("https://pipelinetest.blob.core.windows.net"), new StaticTokenCredential())
{
    public const string ObjectId = "6a7b4c1e-1f6f-4f63-9a42-0d2a9d5c7e11";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public List<(DateTimeOffset? StartsOn, DateTimeOffset ExpiresOn)> KeyRequests { get; } = [];

    public override Task<Response<UserDelegationKey>> GetUserDelegationKeyAsync(
        DateTimeOffset? startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        KeyRequests.Add((startsOn, expiresOn));
        var key = BlobsModelFactory.UserDelegationKey(
            ObjectId, TenantId, startsOn ?? DateTimeOffset.UtcNow, expiresOn, "b", "2021-12-02", Convert.ToBase64String(new byte[32]));
        return Task.FromResult(Response.FromValue(key, null!));
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("not-a-real-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
