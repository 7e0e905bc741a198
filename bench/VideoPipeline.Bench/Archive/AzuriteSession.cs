using Azure.Storage.Blobs;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Archive;

/// <summary>
/// A real Azurite that is replaced before it has taken more than a byte budget. Azurite frees the extents of deleted
/// blobs only in a garbage collection every ten minutes, so without restarts a benchmark writing tens of GiB would
/// fill its in-memory store (50 % of RAM by default) or the disk, and later runs would meet a fuller store than
/// earlier ones.
/// </summary>
internal sealed class AzuriteSession(bool onDisk, long byteBudget, Func<BlobServiceClient, Task> warmUp) : IAsyncDisposable
{
    private AzuriteInstance? _azurite;
    private DirectoryInfo? _location;
    private long _written;

    public BlobServiceClient Blobs { get; private set; } = null!;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public int Starts { get; private set; }

    public AzuriteInstance Instance => _azurite ?? throw new InvalidOperationException("Not started.");

    public string Persistence => onDisk ? "disk (a fresh temporary --location per start)" : "in memory (--inMemoryPersistence)";

    /// <summary>Makes sure the running Azurite can take <paramref name="bytes"/> more, restarting (and warming up) a fresh one if not.</summary>
    public async Task ReserveAsync(long bytes)
    {
        if (_azurite is not null && _written + bytes <= byteBudget)
        {
            _written += bytes;
            return;
        }

        await StopAsync();
        for (var attempt = 1; ; attempt++)
        {
            _location = onDisk ? Directory.CreateTempSubdirectory("videopipeline-bench-azurite-") : null;
            _azurite = await AzuriteInstance.StartAsync(_location?.FullName);
            Blobs = new BlobServiceClient(_azurite.ConnectionString);
            Starts++;
            try
            {
                // A fresh node process serves its first requests slowly (V8 warms up); that must not land in a measured run.
                await warmUp(Blobs);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Other work on a shared machine starts servers on free ports too, so a fresh Azurite can lose its
                // port or die before it has served anything; one more, on other ports, settles which it was.
                var output = OutputTail();
                await StopAsync();
                if (attempt == 2)
                {
                    throw new InvalidOperationException($"A fresh Azurite failed its warm-up twice. Its output ends:{Environment.NewLine}{output}", e);
                }
            }
        }

        _written = bytes;
    }

    /// <summary>The end of the running Azurite's console output, for failure messages.</summary>
    public string OutputTail() => _azurite?.Output is { } output ? output[Math.Max(0, output.Length - 2000)..] : "(no Azurite running)";

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }

        if (_location is not null)
        {
            _location.Delete(recursive: true);
            _location = null;
        }
    }
}
