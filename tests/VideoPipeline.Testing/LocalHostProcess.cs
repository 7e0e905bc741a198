using System.Diagnostics;

namespace VideoPipeline.Testing;

/// <summary>
/// The local host (<c>VideoPipeline.Local.dll</c>) as a real child process, so tests can kill it the hard way and
/// start it again on the same storage. Its console output is captured for assertions and failure messages.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ProcessOutput _output;
    private Process _process;

    private LocalHostProcess(Process process, ProcessOutput output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The running host process, for benchmarks that read its CPU time and memory.</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the host logged (the last <see cref="ProcessOutput.MaxChars"/> characters or so).</summary>
    public string Output => _output.ToString();

    public static async Task<LocalHostProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        var output = new ProcessOutput();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var host = new LocalHostProcess(Launch(port, settings, output), output, baseUrl);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>Kills the process without any shutdown (no lease release, nothing flushed), then starts it again.</summary>
    public async Task KillAndRestartAsync(IReadOnlyDictionary<string, string> settings)
    {
        Kill();
        _output.Append("---- killed; restarting ----");
        _process = Launch(BaseUrl.Port, settings, _output);
        await WaitUntilHealthyAsync();
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Process Launch(int port, IReadOnlyDictionary<string, string> settings, ProcessOutput output)
    {
        var dll = RepositoryPaths.BuiltAssembly("VideoPipeline.Local", "VideoPipeline.Local.dll");
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
            start.Environment[key.Replace(":", "__")] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/api/health")).IsSuccessStatusCode)
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
                // Listening, but too busy starting to answer within the timeout.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The local host did not become healthy:\n{Output}");
    }
}
