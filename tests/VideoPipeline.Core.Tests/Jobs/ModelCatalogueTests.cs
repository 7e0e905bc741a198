using VideoPipeline.Core.Jobs;

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
}
