using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Issues read-only blob SAS URLs. With an account key (a connection string, as with Azurite) it signs a service SAS
/// itself; with an Entra identity (managed identity on Azure) it signs a user delegation SAS with a delegation key,
/// which it fetches once and reuses until it gets close to its end.
/// </summary>
public sealed class BlobReadUrlIssuer(
    BlobServiceClient blobService,
    IOptions<ArchiveOptions> options,
    TimeProvider timeProvider) : IBlobReadUrlIssuer, IDisposable
{
    // Tolerates clocks of the signer and of the storage service that disagree a little.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // A delegation key may live up to seven days; an hour keeps key requests rare without a long-lived secret.
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(1);

    private readonly TimeSpan _lifetime = options.Value.ReadUrlLifetime;
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public async Task<Uri> IssueReadUrlAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);

        var blob = blobService.GetBlobContainerClient(container).GetBlobClient(blobName);
        var now = timeProvider.GetUtcNow();
        var sas = new BlobSasBuilder
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - ClockSkew,
            ExpiresOn = now + _lifetime,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(BlobSasPermissions.Read);

        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await GetDelegationKeyAsync(sas.ExpiresOn, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobService.AccountName) }.ToUri();
    }

    public void Dispose() => _keyLock.Dispose();

    private async Task<UserDelegationKey> GetDelegationKeyAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _delegationKey) is { } cached && cached.SignedExpiresOn >= neededUntil)
        {
            return cached;
        }

        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is { } refreshed && refreshed.SignedExpiresOn >= neededUntil)
            {
                return refreshed;
            }

            var now = timeProvider.GetUtcNow();
            var key = (await blobService.GetUserDelegationKeyAsync(
                now - ClockSkew, neededUntil + DelegationKeyLifetime, cancellationToken)).Value;
            Volatile.Write(ref _delegationKey, key);
            return key;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
