using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Tests.Providers.Infrastructure;

internal static class Submissions
{
    /// <summary>A submission for a catalogue model; <paramref name="request"/> fills in everything but provider and model.</summary>
    public static ProviderSubmission For(ProviderName provider, string model, JobRequest request, Uri? callbackUrl = null) =>
        new(request with { Provider = provider, Model = model }, ModelCatalogue.Default.Get(provider, model), callbackUrl);

    public static JobRequest Prompt(string prompt) => new() { Provider = ProviderName.FoxApi, Model = "", Prompt = prompt };
}
