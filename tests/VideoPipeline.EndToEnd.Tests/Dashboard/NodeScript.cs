using System.Diagnostics;
using System.Text;
using VideoPipeline.Testing;

namespace VideoPipeline.EndToEnd.Tests.Dashboard;

/// <summary>Runs a node script from the repository (with its npm packages) and captures everything it prints.</summary>
public static class NodeScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.Combine(script));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) output.AppendLine($"---- killed after {timeout} ----");
            return (-1, Snapshot(output));
        }

        // The asynchronous readers may still hold the last lines; this overload waits for them.
        process.WaitForExit();
        return (process.ExitCode, Snapshot(output));
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
