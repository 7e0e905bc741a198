using System.Diagnostics;
using VideoPipeline.Functions.Tests.BuildOutput;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>
/// The Bicep CLI that restore installed from the <c>Azure.Bicep.CommandLine.linux-x64</c> package (its path is compiled
/// into this assembly by the test project), run as a child process. Offline: infra/ uses no registry modules.
/// </summary>
public static class BicepCli
{
    /// <summary>Only against hanging forever; a run takes seconds.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    public static string Path { get; } = BuildMetadata.Get("BicepPath");

    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {Path}: restore tests/VideoPipeline.Functions.Tests.");
        }

        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        using var guard = new CancellationTokenSource(HangGuard);
        var standardOutput = process.StandardOutput.ReadToEndAsync(guard.Token);
        var standardError = process.StandardError.ReadToEndAsync(guard.Token);
        try
        {
            await process.WaitForExitAsync(guard.Token);
            return new BicepRun(string.Join(' ', arguments), process.ExitCode, await standardOutput, await standardError);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {HangGuard}.");
        }
    }
}
