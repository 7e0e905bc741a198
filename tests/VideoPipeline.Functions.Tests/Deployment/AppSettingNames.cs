using VideoPipeline.Core;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>
/// The app settings the code reads, named from its options classes: configuration keys with <c>:</c> written <c>__</c>,
/// as App Service hands them to the worker in environment variables.
/// </summary>
public static class AppSettingNames
{
    public static string Of(string section, string property) => $"{section}__{property}";

    public static string Storage(string property) => Of(StorageOptions.SectionName, property);

    public static string Pipeline(string property) => Of(PipelineOptions.SectionName, property);

    /// <summary><c>Providers__{FoxApi|OpenAi|Apixo}__{property}</c>: one <see cref="ProviderConnectionOptions"/> section per provider, named like it.</summary>
    public static string Provider(ProviderName provider, string property)
    {
        var section = typeof(ProvidersOptions).GetProperty(provider.ToString());
        if (section?.PropertyType != typeof(ProviderConnectionOptions))
        {
            throw new InvalidOperationException($"{nameof(ProvidersOptions)} has no {nameof(ProviderConnectionOptions)} section named {provider}.");
        }

        return $"{ProvidersOptions.SectionName}__{section.Name}__{property}";
    }

    /// <summary>
    /// The settings that hold secrets: <see cref="PipelineOptions"/>' <c>…Secret</c> properties, every provider's
    /// <see cref="ProviderConnectionOptions.ApiKey"/>, and the <see cref="ProviderConnectionOptions.WebhookSecret"/> of each provider whose
    /// models call back through a project webhook.
    /// </summary>
    public static IReadOnlyList<string> Secrets()
    {
        var pipeline = typeof(PipelineOptions).GetProperties()
            .Where(property => property.PropertyType == typeof(string) && property.Name.EndsWith("Secret", StringComparison.Ordinal))
            .Select(property => Pipeline(property.Name));
        var apiKeys = Enum.GetValues<ProviderName>().Select(provider => Provider(provider, nameof(ProviderConnectionOptions.ApiKey)));
        var webhookSecrets = Enum.GetValues<ProviderName>()
            .Where(provider => ModelCatalogue.Default.ForProvider(provider).Any(model => model.Callback == CallbackKind.ProjectWebhook))
            .Select(provider => Provider(provider, nameof(ProviderConnectionOptions.WebhookSecret)));
        return pipeline.Concat(apiKeys).Concat(webhookSecrets).ToList();
    }
}
