namespace VideoPipeline.Emulator.Tasks;

/// <summary>A validated submission, before directives, faults and limits decide its fate.</summary>
internal sealed record TaskDraft(ProviderKind Provider, string Model, string Prompt)
{
    public Uri? CallbackUrl { get; init; }

    public string? Size { get; init; }

    public string? Seconds { get; init; }

    public string? RemixedFromId { get; init; }
}
