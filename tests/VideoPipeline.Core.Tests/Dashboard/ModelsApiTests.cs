using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Tests.Dashboard;

public class ModelsApiTests
{
    [Fact]
    public void List_DefaultCatalogue_ListsEveryModelInCatalogueOrder()
    {
        var items = Items();

        Assert.Equal(
            ModelCatalogue.Default.All.Select(m => $"{PipelineJson.EnumName(m.Provider)}/{m.Model}"),
            items.Select(i => $"{i!["provider"]}/{i["model"]}"));
    }

    [Fact]
    public void List_FoxApiSora2_SerialisesChoicesEnumsAndOptionsAsStrings()
    {
        var sora = Item("foxapi", "sora-2");

        Assert.Equal("Sora 2 (FoxAPI)", sora["displayName"]!.GetValue<string>());
        Assert.Equal([4, 8, 12, 16, 20], sora["durations"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Equal(4, sora["defaultDuration"]!.GetValue<int>());
        Assert.Equal(["16:9", "9:16"], Strings(sora["aspectRatios"]));
        Assert.Empty(sora["sizes"]!.AsArray());
        Assert.Equal(["720p", "1080p"], Strings(sora["resolutions"]));
        Assert.Equal(["text", "firstFrameImage"], Strings(sora["inputs"]));
        Assert.Equal("perTaskUrl", sora["callback"]!.GetValue<string>());
        Assert.Equal(105, sora["typicalGenerationSeconds"]!.GetValue<int>());
        Assert.Null(sora["durationRange"]);
        var characters = sora["providerOptions"]!.AsArray()[0]!;
        Assert.Equal("character_ids", characters["name"]!.GetValue<string>());
        Assert.Equal("stringArray", characters["kind"]!.GetValue<string>());
        Assert.Equal(2, characters["maxItems"]!.GetValue<int>());
    }

    [Fact]
    public void List_ModelWithOpenDurations_GivesTheRangeInsteadOfAList()
    {
        var preview = Item("foxapi", "sora-2-preview");

        Assert.Empty(preview["durations"]!.AsArray());
        Assert.Equal(1, preview["durationRange"]!["min"]!.GetValue<int>());
        Assert.Equal(20, preview["durationRange"]!["max"]!.GetValue<int>());
    }

    [Fact]
    public void List_ExtendModel_NeedsASourceVideoAndTakesNoDuration()
    {
        var extend = Item("foxapi", "veo-3.1-extend");

        Assert.Equal(["text", "sourceVideo"], Strings(extend["inputs"]));
        Assert.True(extend["requiresSourceVideo"]!.GetValue<bool>());
        Assert.True(extend["supportsGenerateAudio"]!.GetValue<bool>());
        Assert.Empty(extend["durations"]!.AsArray());
        Assert.Null(extend["durationRange"]);
    }

    [Fact]
    public void List_ApixoProviderOption_ListsItsAllowedValues()
    {
        var apixo = Item("apixo", "sora-2-pro");

        Assert.True(apixo["sizeForTextResolutionForImage"]!.GetValue<bool>());
        var option = apixo["providerOptions"]!.AsArray().Single()!;
        Assert.Equal("string", option["kind"]!.GetValue<string>());
        Assert.Equal(["official"], Strings(option["allowedValues"]));
    }

    private static JsonArray Items()
    {
        var response = ModelsApi.List(ModelCatalogue.Default);
        Assert.Equal(200, response.StatusCode);
        var json = JsonSerializer.SerializeToNode(response.Body, response.Body!.GetType(), PipelineJson.Options)!;
        return json["items"]!.AsArray();
    }

    private static JsonNode Item(string provider, string model) =>
        Items().Single(i => i!["provider"]!.GetValue<string>() == provider && i["model"]!.GetValue<string>() == model)!;

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(s => s!.GetValue<string>());
}
