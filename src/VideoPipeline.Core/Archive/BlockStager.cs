using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Stages blocks of one blob, a bounded number at a time, so the caller can fill the next block while earlier ones
/// upload. The blocks live in a fixed set of <c>maxConcurrentBlocks + 1</c> buffers that cycle between the caller and
/// the uploads, so an attempt never holds more, whatever the video's size. Disposing without
/// <see cref="CompleteAsync"/> abandons the attempt: its blocks stay uncommitted (the service discards them after a
/// week, or at the blob's next commit).
/// </summary>
/// <remarks>
/// Each block carries a transactional MD5 that the service checks before it accepts the block, so a block corrupted
/// in transit is rejected. The algorithm is chosen here, per call, rather than left to the client's
/// <c>TransferValidation</c> defaults: since Azure.Storage.Blobs 12.28 a CRC64 (and <c>Auto</c>, which resolves to
/// it) is sent as a structured-message body, which Azurite 3.37 does not decode (it stores the framing as block
/// content and the SDK throws), while Azurite checks an MD5 natively and otherwise computes a CRC64 in JavaScript,
/// which costs it more than the MD5 costs both sides (docs/performance.md). The MD5 is computed here, by the task that uploads the block, and
/// handed to the SDK precalculated: left to the SDK, it would hash the block on the caller's thread before sending,
/// in series with reading the next block from the provider.
/// </remarks>
internal sealed class BlockStager : IAsyncDisposable
{
    /// <summary>The service's limit of committed blocks per blob.</summary>
    public const int MaxBlockCount = 50_000;

    private readonly BlockBlobClient _blob;
    private readonly int _blockSize;
    private readonly int _maxBuffers;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _abandon;

    // Buffers are rented once per attempt and handed back to the shared pool only at the end: renting one per block
    // from the shared pool instead lets finished blocks park in the per-thread caches of whichever thread-pool
    // threads returned them, where the next rent (on another thread) cannot see them, so a first archive in a fresh
    // process allocated about twice the buffers it ever used at once.
    private readonly List<byte[]> _buffers = [];
    private readonly ConcurrentQueue<byte[]> _free = new();

    // Unique per attempt so that concurrent attempts for the same blob never overwrite each other's blocks. The service
    // requires every block id of a blob to have the same length, so the format is fixed: 32 hex digits + 6 digits.
    private readonly string _attempt = Guid.NewGuid().ToString("N");
    private readonly List<string> _blockIds = [];
    private readonly List<Task> _uploads = [];
    private Exception? _failure;

    public BlockStager(BlockBlobClient blob, int blockSize, int maxConcurrentBlocks, CancellationToken cancellationToken)
    {
        _blob = blob;
        _blockSize = blockSize;
        _maxBuffers = maxConcurrentBlocks + 1;
        _slots = new SemaphoreSlim(maxConcurrentBlocks, maxConcurrentBlocks);
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>
    /// A buffer of at least the block size for the caller to fill and pass to <see cref="StageAsync"/>. The stager
    /// keeps ownership: a buffer that is not staged goes back to the pool when the stager is disposed.
    /// </summary>
    public byte[] NextBuffer()
    {
        if (_free.TryDequeue(out var buffer))
        {
            return buffer;
        }

        // An upload puts its buffer back before it frees its slot, and the caller asks for the next buffer only
        // after StageAsync got a slot, so one of the maxConcurrentBlocks + 1 buffers is always free by then.
        if (_buffers.Count == _maxBuffers)
        {
            throw new InvalidOperationException("Every block buffer is in use; stage the filled one before asking for another.");
        }

        buffer = ArrayPool<byte>.Shared.Rent(_blockSize);
        _buffers.Add(buffer);
        return buffer;
    }

    /// <summary>
    /// Starts uploading <paramref name="buffer"/>[0..<paramref name="length"/>] as the next block once a slot is free,
    /// and returns as soon as it has started: the MD5 and the upload run on the thread pool.
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
            // A failed upload cancels the wait; report the failure, not the cancellation.
            ThrowIfFailed();
            throw;
        }

        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_attempt}{_blockIds.Count:D6}"));
        _blockIds.Add(blockId);
        _uploads.Add(Task.Run(() => UploadAsync(blockId, buffer, length)));
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

        // A failure has already been reported (or the attempt is being abandoned for another reason), so the uploads'
        // outcome no longer matters; they must only have stopped reading their buffers before the buffers go back.
        await Task.WhenAll(_uploads).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var buffer in _buffers)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _abandon.Dispose();
        _slots.Dispose();
    }

    private async Task UploadAsync(string blockId, byte[] buffer, int length)
    {
        try
        {
            var options = new BlockBlobStageBlockOptions
            {
                TransferValidation = new UploadTransferValidationOptions
                {
                    ChecksumAlgorithm = StorageChecksumAlgorithm.MD5,
                    PrecalculatedChecksum = MD5.HashData(buffer.AsSpan(0, length)),
                },
            };
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            await _blob.StageBlockAsync(blockId, content, options, _abandon.Token);
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
            _free.Enqueue(buffer);
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
