using System.Diagnostics;
using System.Text.RegularExpressions;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// Azurite from the repository's npm package, like <c>VideoPipeline.Testing.AzuriteInstance</c>, but handing every
/// access-log line (Azurite prints one per request by default) to a callback as it arrives. That log is the
/// storage-operation counter and the completion signal of the runtime benchmarks: it costs the system under test
/// nothing it would not do anyway, unlike polling job views or a proxy in the path.
/// </summary>
internal sealed partial class StreamingAzurite : IAsyncDisposable
{
    private readonly Process _process;

    private StreamingAzurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AzuriteInstance.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AzuriteInstance.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AzuriteInstance.AccountName};";

    /// <param name="onRequest">Called for every request Azurite logs, on the process's output reader thread.</param>
    /// <param name="location">A folder to persist to; in memory when null.</param>
    public static async Task<StreamingAzurite> StartAsync(Action<AzuriteRequest> onRequest, string? location = null)
    {
        var azurite = RepositoryPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run npm ci.");
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

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Parse(line, DateTime.UtcNow) is { } request)
            {
                onRequest(request);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new StreamingAzurite(process, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
            }
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }

        return instance;
    }

    /// <summary>CPU time Azurite has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>
    /// <c>127.0.0.1 - - [21/Nov/2026:17:39:01 +0000] "PUT /devstoreaccount1/c/b?comp=block&amp;blockid=A HTTP/1.1" 201 -</c>
    /// </summary>
    private static AzuriteRequest? Parse(string line, DateTime observedAt)
    {
        var match = AccessLogLine().Match(line);
        return match.Success
            ? new AzuriteRequest(
                match.Groups["method"].Value,
                Uri.UnescapeDataString(match.Groups["path"].Value),
                match.Groups["query"].Value,
                int.Parse(match.Groups["status"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture),
                observedAt)
            : null;
    }

    [GeneratedRegex("\"(?<method>[A-Z]+) /devstoreaccount1(?<path>[^ ?]*)(?:\\?(?<query>[^ ]*))? HTTP/[0-9.]+\" (?<status>[0-9]{3})")]
    private static partial Regex AccessLogLine();
}
