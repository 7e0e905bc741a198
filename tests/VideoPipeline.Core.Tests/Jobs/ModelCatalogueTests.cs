using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Tests.Jobs;

public class ModelCatalogueTests
{
    [Theory]
    [InlineData(ProviderName.FoxApi, "sora-2-preview")]
    [InlineData(ProviderName.FoxApi, "sora-2")]
    [InlineData(ProviderName.FoxApi, "sora-2-pro")]
    [InlineData(ProviderName.FoxApi, "veo-3.1-extend")]
    [InlineData(ProviderName.FoxApi, "veo-3.1-extend-fast")]
    [InlineData(ProviderName.OpenAi, "sora-2")]
    [InlineData(ProviderName.OpenAi, "sora-2-pro")]
    [InlineData(ProviderName.Apixo, "sora-2-pro")]
    public void TryGet_DocumentedModel_IsInTheCatalogue(ProviderName provider, string model)
    {
        Assert.True(ModelCatalogue.Default.TryGet(provider, model, out var definition));
        Assert.Equal(model, definition.Model);
        Assert.Equal(provider, definition.Provider);
    }

    [Fact]
    public void TryGet_ModelOfAnotherProvider_IsNotFound()
    {
        Assert.False(ModelCatalogue.Default.TryGet(ProviderName.Apixo, "sora-2", out _));
        Assert.False(ModelCatalogue.Default.TryGet(ProviderName.OpenAi, "veo-3.1-extend", out _));
    }

    [Theory]
    [InlineData(ProviderName.FoxApi, 0, 0)]
    [InlineData(ProviderName.OpenAi, 0, 0)]
    [InlineData(ProviderName.Apixo, 60, 10)]
    public void Provider_Default_HasTheLimitsTheProviderDocuments(ProviderName provider, int requestsPerMinute, int maxConcurrentTasks)
    {
        Assert.Equal(new ProviderLimits(requestsPerMinute, maxConcurrentTasks), ModelCatalogue.Default.Provider(provider).DocumentedLimits);
    }

    [Fact]
    public void Provider_NotDescribed_DocumentsNoLimits()
    {
        var catalogue = new ModelCatalogue([], ModelCatalogue.Default.All);

        Assert.Equal(ProviderLimits.None, catalogue.Provider(ProviderName.Apixo).DocumentedLimits);
    }
}
