using System.Diagnostics;
using VideoPipeline.Testing;

namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>
/// Runs the <c>videopipeline</c> tool as a separate process, as a script would: standard output and error redirected
/// (a non-interactive terminal), the endpoint and key from the environment.
/// </summary>
public static class CliProcess
{
    public static async Task<CliResult> RunAsync(ClientStack stack, string workingDirectory, params string[] args) =>
        await RunAsync(new Dictionary<string, string?>
        {
            ["VIDEOPIPELINE_ENDPOINT"] = stack.Host.BaseUrl.AbsoluteUri,
            ["VIDEOPIPELINE_KEY"] = ClientStack.FunctionKey,
        }, workingDirectory, args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.BuiltAssembly("VideoPipeline.Cli", "videopipeline.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("VIDEOPIPELINE_ENDPOINT");
        start.Environment.Remove("VIDEOPIPELINE_KEY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the tool.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against hanging forever, not a speed requirement.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"videopipeline {string.Join(' ', args)} did not exit:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
