namespace VideoPipeline.Client.Models;

/// <summary>A provider parameter a model accepts in <see cref="VideoJobRequest.ProviderOptions"/>.</summary>
public sealed class VideoModelOption
{
    /// <summary>The provider's own field name, sent as is.</summary>
    public required string Name { get; init; }

    /// <summary><c>boolean</c>, <c>object</c>, <c>stringArray</c> or <c>string</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The most items a <c>stringArray</c> may hold.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The values a <c>string</c> may take, when limited.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }
}
