namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>How a run of the tool ended: its exit code and everything it wrote.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
