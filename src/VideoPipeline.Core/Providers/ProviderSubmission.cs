using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>What a dialect needs to submit one job: the validated request, its catalogue entry and, in callback
/// mode, the URL the provider should call when the task ends.</summary>
public sealed record ProviderSubmission(JobRequest Request, ModelDefinition Model, Uri? CallbackUrl = null);
