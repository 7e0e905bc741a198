namespace VideoPipeline.Core.Jobs;

/// <summary>Either a valid request with its catalogue entry, or every field error at once.</summary>
public sealed record JobRequestValidation(
    JobRequest? Request,
    ModelDefinition? Model,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Request is not null;
}
