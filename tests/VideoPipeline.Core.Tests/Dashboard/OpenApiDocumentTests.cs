using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Health;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Tests.Dashboard;

/// <summary>
/// The hand-written OpenAPI document against the types the API really serialises (with <see cref="PipelineJson"/>).
/// Its paths are compared with the local host's routes in VideoPipeline.Local.Tests.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly JsonObject Document = Load();

    public static TheoryData<string, Type> ResponseSchemas => new()
    {
        { "JobAccepted", typeof(JobAccepted) },
        { "JobList", typeof(JobList) },
        { "JobView", typeof(JobView) },
        { "ProviderView", typeof(ProviderView) },
        { "OutputView", typeof(OutputView) },
        { "JobError", typeof(JobError) },
        { "JobTimings", typeof(JobTimings) },
        { "ModelList", typeof(ModelList) },
        { "ModelView", typeof(ModelView) },
        { "DurationRange", typeof(DurationRange) },
        { "ProviderOptionRule", typeof(ProviderOptionRule) },
        { "ProblemDetails", typeof(ApiProblem) },
        { "Readiness", typeof(ReadinessReport) },
        { "DependencyCheck", typeof(DependencyCheck) },
    };

    public static TheoryData<string, Type> RequestSchemas => new()
    {
        { "JobRequest", typeof(JobRequest) },
        { "OutputRequest", typeof(OutputRequest) },
    };

    public static TheoryData<string, Type> EnumSchemas => new()
    {
        { "ProviderName", typeof(ProviderName) },
        { "JobStatus", typeof(JobStatus) },
        { "WaitMode", typeof(WaitMode) },
        { "InputKind", typeof(InputKinds) },
        { "CallbackKind", typeof(CallbackKind) },
        { "ProviderOptionKind", typeof(ProviderOptionKind) },
    };

    [Fact]
    public void Get_Always_ServesTheEmbeddedOpenApi31Document()
    {
        var response = OpenApiDocument.Get();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("3.1.0", Document["openapi"]!.GetValue<string>());
    }

    [Fact]
    public void Document_EveryReference_Resolves()
    {
        var references = Descendants(Document)
            .OfType<JsonObject>()
            .Where(o => o.ContainsKey("$ref"))
            .Select(o => o["$ref"]!.GetValue<string>())
            .Distinct()
            .ToArray();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.NotNull(Resolve(reference)));
    }

    [Fact]
    public void Document_EveryOperation_HasAUniqueIdAndDescribesItsAnswers()
    {
        var operations = Operations().ToArray();

        Assert.Equal(operations.Length, operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(operations, o => Assert.NotEmpty(o.Operation["responses"]!.AsObject()));
    }

    [Fact]
    public void Document_EveryPathParameter_IsInThePathAndNoneIsMissing()
    {
        Assert.All(Operations(), o =>
        {
            var path = o.Route.Split(' ')[1];
            var declared = (o.Operation["parameters"]?.AsArray() ?? [])
                .Select(p => p!["$ref"] is { } reference ? Resolve(reference.GetValue<string>())! : p!)
                .Where(p => p["in"]!.GetValue<string>() == "path")
                .Select(p => $"{{{p["name"]!.GetValue<string>()}}}");
            var inPath = path.Split('/').Where(segment => segment.StartsWith('{'));

            Assert.True(declared.Order().SequenceEqual(inPath.Order()), $"{o.Route}: path parameters differ.");
        });
    }

    [Fact]
    public void Document_EveryErrorAnswer_IsAProblem()
    {
        var errors = Operations()
            .SelectMany(o => o.Operation["responses"]!.AsObject().Select(r => (o.Route, Status: r.Key, Response: r.Value!)))
            .Where(r => r.Status.StartsWith('4') || r.Status.StartsWith('5'));

        Assert.All(errors, error =>
        {
            var response = error.Response["$ref"] is { } reference ? Resolve(reference.GetValue<string>())! : error.Response;
            var schema = response["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
            Assert.True(schema == "#/components/schemas/ProblemDetails", $"{error.Route} {error.Status} is not a problem+json answer.");
        });
    }

    [Theory]
    [MemberData(nameof(ResponseSchemas))]
    public void ResponseSchema_ComparedWithItsType_HasTheSamePropertiesAndRequiresTheNonNullableOnes(string schema, Type type)
    {
        var (properties, required) = Schema(schema);
        var typeInfo = PipelineJson.Options.GetTypeInfo(type);

        // Extension data (a problem's extension members) are further members of the object, not a property of it.
        var members = typeInfo.Properties.Where(p => !p.IsExtensionData).ToList();
        Assert.Equal(members.Select(p => p.Name).Order(), properties.Order());
        Assert.Equal(members.Where(p => !IsNullable(p)).Select(p => p.Name).Order(), required.Order());
    }

    [Theory]
    [MemberData(nameof(RequestSchemas))]
    public void RequestSchema_ComparedWithItsType_HasTheSameProperties(string schema, Type type)
    {
        var (properties, _) = Schema(schema);

        Assert.Equal(PipelineJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name).Order(), properties.Order());
    }

    [Theory]
    [MemberData(nameof(EnumSchemas))]
    public void EnumSchema_ComparedWithItsEnum_ListsEveryWireName(string schema, Type type)
    {
        var values = Document["components"]!["schemas"]![schema]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());
        var names = Enum.GetValues(type).Cast<object>()
            .Select(v => System.Text.Json.JsonSerializer.Serialize(v, type, PipelineJson.Options).Trim('"'));

        Assert.Equal(names, values);
    }

    [Fact]
    public void JobErrorCodes_ComparedWithErrorCodes_ListsEveryCode()
    {
        var documented = Document["components"]!["schemas"]!["JobError"]!["properties"]!["code"]!["examples"]!.AsArray()
            .Select(c => c!.GetValue<string>());
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Append("internal_error");

        Assert.Equal(codes.Order(), documented.Order());
    }

    private static JsonObject Load()
    {
        var response = OpenApiDocument.Get();
        return JsonNode.Parse((byte[])response.Body!)!.AsObject();
    }

    private static IEnumerable<(string Route, JsonObject Operation)> Operations() =>
        Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => Methods.Contains(o.Key))
            .Select(o => ($"{o.Key.ToUpperInvariant()} {path.Key}", o.Value!.AsObject())));

    private static (string[] Properties, string[] Required) Schema(string name)
    {
        var schema = Document["components"]!["schemas"]![name]!;
        return (
            [.. schema["properties"]!.AsObject().Select(p => p.Key)],
            [.. schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []]);
    }

    private static bool IsNullable(JsonPropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        }

        var member = (PropertyInfo)property.AttributeProvider!;
        return new NullabilityInfoContext().Create(member).ReadState != NullabilityState.NotNull;
    }

    private static JsonNode? Resolve(string reference)
    {
        Assert.StartsWith("#/", reference);
        JsonNode? node = Document;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node?[part.Replace("~1", "/").Replace("~0", "~")];
        }

        return node;
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
