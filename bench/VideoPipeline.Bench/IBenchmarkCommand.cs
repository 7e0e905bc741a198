namespace VideoPipeline.Bench;

/// <summary>One benchmark, run as <c>dotnet run -c Release --project bench/VideoPipeline.Bench -- &lt;Name&gt; [args]</c>.</summary>
public interface IBenchmarkCommand
{
    string Name { get; }

    string Description { get; }

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}
