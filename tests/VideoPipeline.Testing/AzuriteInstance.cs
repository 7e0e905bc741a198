using System.Diagnostics;

namespace VideoPipeline.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) from the repository's pinned npm package, on free loopback ports,
/// in memory. Start it per test class through <see cref="AzuriteFixture"/>. Azurite prints one access-log line per
/// request; benchmarks read them as they arrive to count storage requests.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private bool _disposed;

    private AzuriteInstance(Process process, ProcessOutput output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The node process, for benchmarks that read its CPU time and memory.</summary>
    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <param name="location">A folder to persist to; in memory when null.</param>
    /// <param name="onOutputLine">Called with every line Azurite prints, as it arrives, on the output reader's thread.</param>
    public static async Task<AzuriteInstance> StartAsync(string? location = null, Action<string>? onOutputLine = null)
    {
        var azurite = RepositoryPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run ./test.sh (it runs npm ci).");
        }

        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     azurite, "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
                     "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var output = new ProcessOutput();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) =>
        {
            output.Append(e.Data);
            if (e.Data is { } line)
            {
                onOutputLine?.Invoke(line);
            }
        };
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new AzuriteInstance(process, output, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
            }
        }
        catch (Exception e)
        {
            await instance.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start: {instance.Output}", e);
        }

        return instance;
    }

    /// <summary>What Azurite printed (the last <see cref="ProcessOutput.MaxChars"/> characters or so).</summary>
    public string Output => _output.ToString();

    /// <summary>Stops Azurite; again is a no-op, so a test may stop it under a running host before the stack disposes it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
