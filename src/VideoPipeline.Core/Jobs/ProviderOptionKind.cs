namespace VideoPipeline.Core.Jobs;

/// <summary>The JSON shape a provider-specific option must have.</summary>
public enum ProviderOptionKind
{
    Boolean,
    Object,
    StringArray,
    String,
}
