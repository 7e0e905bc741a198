using System.Text.Json.Nodes;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>The ARM JSON compiled from infra/main.bicep, every module and branch included, and the azd parameter file.</summary>
[Collection(InfrastructureCollection.Name)]
public class CompiledTemplateTests(InfrastructureFixture infrastructure)
{
    /// <summary>What a template needs to read, mint or hand out storage keys: none of it may appear anywhere.</summary>
    private static readonly string[] KeyMaterial = ["listKeys(", "listAccountSas(", "listServiceSas(", "AccountKey=", "SharedAccessSignature="];

    [Fact]
    public async Task CompiledTemplate_Anywhere_UsesNoStorageKeysSasOrKeyedConnectionStrings()
    {
        var template = (await infrastructure.CompiledTemplateAsync()).ToJsonString();

        Assert.All(KeyMaterial, material => Assert.DoesNotContain(material, template, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task KeyVault_InItsModule_AuthorizesWithRolesOnly()
    {
        var template = await infrastructure.CompiledTemplateAsync();

        var vault = Assert.Single(ResourcesOfType(template, "Microsoft.KeyVault/vaults"));
        Assert.True((bool?)vault["properties"]?["enableRbacAuthorization"]);
        Assert.Null(vault["properties"]?["accessPolicies"]);
    }

    [Fact]
    public async Task ParametersFile_ForAzd_SetsEveryParameterWithoutDefaultAndNothingElse()
    {
        var declared = (await infrastructure.CompiledTemplateAsync())["parameters"]!.AsObject();
        var given = JsonNode.Parse(await File.ReadAllTextAsync(InfrastructureFixture.ParametersFile))!["parameters"]!.AsObject();

        Assert.All(given, parameter => Assert.True(declared.ContainsKey(parameter.Key), $"main.bicep has no parameter '{parameter.Key}'."));
        Assert.All(declared.Where(parameter => parameter.Value!["defaultValue"] is null),
            parameter => Assert.True(given.ContainsKey(parameter.Key), $"main.parameters.json does not set '{parameter.Key}'."));
    }

    /// <summary>Resources of one type in the template and in every nested (module) template.</summary>
    private static IEnumerable<JsonObject> ResourcesOfType(JsonNode? node, string type) => node switch
    {
        JsonObject resource when (string?)resource["type"] == type && resource["apiVersion"] is not null =>
            [resource],
        JsonObject container => container.SelectMany(property => ResourcesOfType(property.Value, type)),
        JsonArray array => array.SelectMany(item => ResourcesOfType(item, type)),
        _ => [],
    };
}
