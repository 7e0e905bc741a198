namespace VideoPipeline.Core.Jobs;

/// <summary>
/// One provider-specific option a model accepts in <see cref="JobRequest.ProviderOptions"/>, under its wire name.
/// </summary>
/// <param name="Name">The provider's own field name, sent as is.</param>
/// <param name="Kind">The JSON shape the value must have.</param>
/// <param name="MaxItems">For arrays: the most items allowed.</param>
/// <param name="AllowedValues">For strings: the only values allowed, when the provider documents a closed set.</param>
public sealed record ProviderOptionRule(
    string Name,
    ProviderOptionKind Kind,
    int? MaxItems = null,
    IReadOnlyList<string>? AllowedValues = null);
