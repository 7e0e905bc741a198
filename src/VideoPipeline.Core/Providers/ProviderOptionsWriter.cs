using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

internal static class ProviderOptionsWriter
{
    /// <summary>
    /// Copies <see cref="JobRequest.ProviderOptions"/> into <paramref name="body"/> under their wire names — only the
    /// ones the catalogue lists for the model (<see cref="ModelDefinition.ProviderOptions"/>); anything else is dropped.
    /// </summary>
    public static void CopyAllowed(JobRequest request, ModelDefinition model, JsonObject body)
    {
        if (request.ProviderOptions is not { } options)
        {
            return;
        }

        foreach (var rule in model.ProviderOptions)
        {
            if (options.TryGetPropertyValue(rule.Name, out var value) && value is not null)
            {
                body[rule.Name] = value.DeepClone();
            }
        }
    }
}
