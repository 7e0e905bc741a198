using System.Diagnostics;

namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>Runs the installed ffmpeg's deep check, which decodes every frame (ffprobe alone accepts truncated files).</summary>
public static class Ffmpeg
{
    /// <returns>Null when ffmpeg accepts the input, else its error output.</returns>
    public static async Task<string?> ValidateAsync(string pathOrUrl)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-nostdin", "-v", "error", "-xerror", "-i", pathOrUrl, "-f", "null", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        var text = await errors;
        return process.ExitCode == 0 && text.Length == 0 ? null : $"exit {process.ExitCode}: {text}";
    }

    public static async Task<string?> ValidateAsync(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emulator-test-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            return await ValidateAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
