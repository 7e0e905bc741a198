using System.Diagnostics;
using System.Text;
using VideoPipeline.Testing;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// The local host (<c>VideoPipeline.Local.dll</c>, built by this project's build) as a child process configured
/// through environment variables, like the end-to-end tests' <c>LocalHostProcess</c> (a test project, so not
/// referenced). A separate process keeps the host's CPU and GC apart from the load generator's.
/// </summary>
internal sealed class LocalHostChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostChild(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<LocalHostChild> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        var dll = HostAssemblyPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        var host = new LocalHostChild(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>CPU time the host has used so far (user + system).</summary>
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

    private void Append(string? line)
    {
        lock (_output)
        {
            // Keep the tail only: a thousand jobs log a lot, and only errors near the end are worth showing.
            if (_output.Length > 1_000_000)
            {
                _output.Remove(0, 500_000);
            }

            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The local host did not become healthy:\n{Output}");
    }

    private static string HostAssemblyPath()
    {
        // The bench and the host are built with the same configuration (Debug or Release).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = RepositoryPaths.Combine("src", "VideoPipeline.Local", "bin", configuration, "net10.0", "VideoPipeline.Local.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the bench first (it builds the local host).", dll);
    }
}
