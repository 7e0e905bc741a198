using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Stages pooled block buffers as uncommitted blocks of one blob, a bounded number at a time, so the caller can keep
/// reading the next block while earlier ones upload. Disposing without <see cref="CompleteAsync"/> abandons the
/// attempt: its blocks stay uncommitted (the service discards them after a week, or at the blob's next commit).
/// </summary>
internal sealed class BlockStager : IAsyncDisposable
{
    /// <summary>The service's limit of committed blocks per blob.</summary>
    public const int MaxBlockCount = 50_000;

    /// <summary>
    /// A transactional MD5 per block: the service rejects a block corrupted in transit, and Azurite checks an MD5
    /// natively instead of computing a CRC64 in JavaScript, which triples archive throughput locally
    /// (docs/performance.md).
    /// </summary>
    private static readonly BlockBlobStageBlockOptions StageOptions = new()
    {
        TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
    };

    private readonly BlockBlobClient _blob;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _abandon;

    // Unique per attempt so that concurrent attempts for the same blob never overwrite each other's blocks. The service
    // requires every block id of a blob to have the same length, so the format is fixed: 32 hex digits + 6 digits.
    private readonly string _attempt = Guid.NewGuid().ToString("N");
    private readonly List<string> _blockIds = [];
    private readonly List<Task> _uploads = [];
    private Exception? _failure;

    public BlockStager(BlockBlobClient blob, int maxConcurrentBlocks, CancellationToken cancellationToken)
    {
        _blob = blob;
        _slots = new SemaphoreSlim(maxConcurrentBlocks, maxConcurrentBlocks);
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>
    /// Starts uploading <paramref name="buffer"/>[0..<paramref name="length"/>] as the next block once a slot is free.
    /// Takes ownership of the buffer, which must come from <see cref="ArrayPool{T}.Shared"/>, in every case.
    /// </summary>
    public async Task StageAsync(byte[] buffer, int length)
    {
        try
        {
            ThrowIfFailed();
            if (_blockIds.Count == MaxBlockCount)
            {
                throw new ArchiveException(
                    ErrorCodes.ArchiveFailed,
                    $"The video needs more than {MaxBlockCount} blocks; raise {nameof(ArchiveOptions)}.{nameof(ArchiveOptions.BlockSizeBytes)}.");
            }

            await _slots.WaitAsync(_abandon.Token);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);

            // A failed upload cancels the wait; report the failure, not the cancellation.
            ThrowIfFailed();
            throw;
        }

        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_attempt}{_blockIds.Count:D6}"));
        _blockIds.Add(blockId);
        _uploads.Add(UploadAsync(blockId, buffer, length));
    }

    /// <summary>Waits for every staged block and returns the block list to commit, in order.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync()
    {
        try
        {
            await Task.WhenAll(_uploads);
        }
        catch
        {
            ThrowIfFailed();
            throw;
        }

        return _blockIds;
    }

    public async ValueTask DisposeAsync()
    {
        await _abandon.CancelAsync();

        // The buffers return to the pool only when their uploads end, and a failure has already been reported (or
        // the attempt is being abandoned for another reason), so their outcome no longer matters.
        await Task.WhenAll(_uploads).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        _abandon.Dispose();
        _slots.Dispose();
    }

    private async Task UploadAsync(string blockId, byte[] buffer, int length)
    {
        try
        {
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            await _blob.StageBlockAsync(blockId, content, StageOptions, _abandon.Token);
        }
        catch (Exception e)
        {
            // The first real failure is the one to report; uploads cancelled because of it are only echoes.
            if (!_abandon.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
                await _abandon.CancelAsync();
            }

            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _slots.Release();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
