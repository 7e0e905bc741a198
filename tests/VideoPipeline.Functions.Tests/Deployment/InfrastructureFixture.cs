using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Testing;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>
/// infra/main.bicep built, linted and evaluated once for the tests of <see cref="InfrastructureCollection"/>, each on
/// first use. The evaluation is <c>bicep snapshot</c>: the resources Azure Resource Manager predicts for a parameter
/// file, subscription and region, with modules expanded and expressions resolved; what only a deployment knows (a new
/// resource's keys and endpoints, secure parameter values) stays a <c>[reference(…)]</c> or <c>[parameters(…)]</c>
/// expression.
/// </summary>
public sealed class InfrastructureFixture : IDisposable
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000b2";
    public const string Location = "swedencentral";
    public const string EnvironmentName = "ci";

    /// <summary>
    /// The secure parameters the snapshot's parameter file gives a value, with the app setting each one feeds; the
    /// other secrets stay unset, as when a user sets only some of them with <c>azd env set</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Parameter, string Value)> GivenSecrets =
        new Dictionary<string, (string, string)>
        {
            [AppSettingNames.Provider(ProviderName.FoxApi, nameof(ProviderConnectionOptions.ApiKey))] = ("foxApiKey", "test-foxapi-key"),
            [AppSettingNames.Provider(ProviderName.OpenAi, nameof(ProviderConnectionOptions.WebhookSecret))] = ("openAiWebhookSecret", "whsec_dGVzdA=="),
        };

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("videopipeline-infra-").FullName;
    private readonly Lazy<Task<BicepRun>> _build;
    private readonly Lazy<Task<BicepRun>> _lint;
    private readonly Lazy<Task<PredictedDeployment>> _snapshot;

    public InfrastructureFixture()
    {
        _build = new(() => BicepCli.RunAsync(_workDirectory,
            "build", MainTemplate, "--outfile", CompiledTemplatePath, "--diagnostics-format", "sarif"));
        _lint = new(() => BicepCli.RunAsync(_workDirectory, "lint", MainTemplate, "--diagnostics-format", "sarif"));
        _snapshot = new(SnapshotAsync);
    }

    public static string MainTemplate { get; } = RepositoryPaths.Combine("infra", "main.bicep");

    public static string ParametersFile { get; } = RepositoryPaths.Combine("infra", "main.parameters.json");

    private string CompiledTemplatePath => Path.Combine(_workDirectory, "main.json");

    public Task<BicepRun> BuildAsync() => _build.Value;

    public Task<BicepRun> LintAsync() => _lint.Value;

    /// <summary>The ARM JSON <c>bicep build</c> wrote.</summary>
    public async Task<JsonObject> CompiledTemplateAsync()
    {
        var build = await BuildAsync();
        Assert.True(build.ExitCode == 0, build.ToString());
        return JsonNode.Parse(await File.ReadAllTextAsync(CompiledTemplatePath))!.AsObject();
    }

    public Task<PredictedDeployment> PredictedDeploymentAsync() => _snapshot.Value;

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private async Task<PredictedDeployment> SnapshotAsync()
    {
        // A .bicepparam file names its template by a relative path.
        var template = Path.GetRelativePath(_workDirectory, MainTemplate).Replace('\\', '/');
        var parameters = new[]
            {
                $"using '{template}'",
                $"param environmentName = '{EnvironmentName}'",
                $"param location = '{Location}'",
            }
            .Concat(GivenSecrets.Values.Select(secret => $"param {secret.Parameter} = '{secret.Value}'"));
        var parametersFile = Path.Combine(_workDirectory, "main.bicepparam");
        await File.WriteAllLinesAsync(parametersFile, parameters);

        var snapshot = await BicepCli.RunAsync(_workDirectory, "snapshot", parametersFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location, "--deployment-name", "main");
        Assert.True(snapshot.ExitCode == 0, snapshot.ToString());

        var predicted = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_workDirectory, "main.snapshot.json")))!;
        return new PredictedDeployment(
            predicted["predictedResources"]!.AsArray().Select(resource => resource!.AsObject()).ToList(),
            predicted["outputs"]!.AsObject());
    }
}
