namespace VideoPipeline.Local.Runtime;

/// <summary>An activity by name, taking and returning JSON: its input comes from the journal, its result goes there.</summary>
internal sealed record ActivityRegistration(
    string Name, Func<IServiceProvider, string, CancellationToken, Task<string>> InvokeAsync);
