using System.Diagnostics;
using System.Text;

namespace VideoPipeline.Testing;

/// <summary>
/// The local host (<c>VideoPipeline.Local.dll</c>) as a real child process, so tests can kill it the hard way and
/// start it again on the same storage. Its console output is captured for assertions and failure messages.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly StringBuilder _output;
    private Process _process;

    private LocalHostProcess(Process process, StringBuilder output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<LocalHostProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        var output = new StringBuilder();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var host = new LocalHostProcess(Launch(port, settings, output), output, baseUrl);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>Kills the process without any shutdown (no lease release, nothing flushed), then starts it again.</summary>
    public async Task KillAndRestartAsync(IReadOnlyDictionary<string, string> settings)
    {
        Kill();
        lock (_output) _output.AppendLine("---- killed; restarting ----");
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

    private static Process Launch(int port, IReadOnlyDictionary<string, string> settings, StringBuilder output)
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
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
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
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The local host did not become healthy:\n{Output}");
    }
}
