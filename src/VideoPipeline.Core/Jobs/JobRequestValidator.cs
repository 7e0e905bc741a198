using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Jobs;

/// <summary>
/// Turns a JSON job request into a <see cref="JobRequest"/>, reporting every failing field at once. Reads the raw
/// JSON rather than deserialising, so a wrong type in one field does not hide the errors in the others. What a model
/// accepts comes from the <see cref="ModelCatalogue"/>.
/// </summary>
public sealed partial class JobRequestValidator(
    ModelCatalogue catalogue,
    MediaUrlPolicy urlPolicy,
    CallbackAvailability callbacks)
{
    public const int MaxMetadataEntries = 16;
    public const int MaxMetadataValueLength = 256;
    public const int MaxProviderOptionsBytes = 16 * 1024;

    /// <summary>Metadata keys the archive writes itself.</summary>
    public static readonly IReadOnlySet<string> ReservedMetadataKeys =
        new HashSet<string>(["jobid", "provider", "model", "providertaskid", "sha256"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> KnownFields =
    [
        "provider", "model", "prompt", "durationSeconds", "aspectRatio", "size", "resolution", "imageUrl",
        "sourceVideoUrl", "generateAudio", "waitMode", "output", "notifyUrl", "metadata", "providerOptions",
    ];

    public async Task<JobRequestValidation> ValidateAsync(JsonElement json, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The request body must be a JSON object.");
            return Invalid(errors);
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                errors.Add(property.Name, "Unknown field.");
            }
        }

        var reader = new FieldReader(json, errors);
        var provider = reader.Enum<ProviderName>("provider", required: true);
        var modelId = reader.String("model", required: true);
        var prompt = reader.String("prompt", required: true);
        var duration = reader.Int("durationSeconds");
        var aspectRatio = reader.String("aspectRatio");
        var size = reader.String("size");
        var resolution = reader.String("resolution");
        var imageUrl = reader.String("imageUrl");
        var sourceVideoUrl = reader.String("sourceVideoUrl");
        var generateAudio = reader.Bool("generateAudio");
        var waitMode = reader.Enum<WaitMode>("waitMode") ?? WaitMode.Auto;
        var notifyUrl = reader.String("notifyUrl");
        var output = ReadOutput(json, errors);
        var metadata = ReadMetadata(json, errors);
        var providerOptions = reader.Object("providerOptions");

        if (prompt is not null && string.IsNullOrWhiteSpace(prompt))
        {
            errors.Add("prompt", "Must not be empty.");
        }

        ModelDefinition? model = null;
        if (provider is { } p && modelId is not null && !catalogue.TryGet(p, modelId, out model))
        {
            var known = string.Join(", ", catalogue.ForProvider(p).Select(m => m.Model));
            errors.Add("model", $"Unknown model '{modelId}' for provider '{PipelineJson.EnumName(p)}'. Known: {known}.");
        }

        // The request as given, checked against the model before the model's defaults are filled in. A missing
        // prompt is already an error; the empty one in its place passes the model's length check.
        JobRequest? request = null;
        if (model is not null)
        {
            request = new JobRequest
            {
                Provider = model.Provider,
                Model = model.Model,
                Prompt = prompt ?? "",
                DurationSeconds = duration,
                AspectRatio = aspectRatio,
                Size = size,
                Resolution = resolution,
                ImageUrl = imageUrl,
                SourceVideoUrl = sourceVideoUrl,
                GenerateAudio = generateAudio,
                WaitMode = waitMode,
                Output = output,
                NotifyUrl = notifyUrl,
                Metadata = metadata,
                ProviderOptions = providerOptions,
            };
            CheckAgainstModel(model, request, errors);
        }

        await CheckUrlAsync("imageUrl", imageUrl, errors, cancellationToken);
        await CheckUrlAsync("sourceVideoUrl", sourceVideoUrl, errors, cancellationToken);
        await CheckUrlAsync("notifyUrl", notifyUrl, errors, cancellationToken);

        if (!errors.IsEmpty || model is null || request is null)
        {
            return Invalid(errors);
        }

        request = request with { DurationSeconds = duration ?? model.DefaultDuration };
        return new JobRequestValidation(request, model, new Dictionary<string, string[]>());
    }

    private void CheckAgainstModel(ModelDefinition model, JobRequest request, FieldErrors errors)
    {
        var name = $"'{model.Model}' ({PipelineJson.EnumName(model.Provider)})";
        var (prompt, aspectRatio, size, resolution, imageUrl, sourceVideoUrl) =
            (request.Prompt, request.AspectRatio, request.Size, request.Resolution, request.ImageUrl, request.SourceVideoUrl);

        if (prompt.Length > model.MaxPromptLength)
        {
            errors.Add("prompt", $"Must be at most {model.MaxPromptLength} characters for {name}.");
        }

        if (request.DurationSeconds is { } seconds)
        {
            if (model.DurationRange is var (min, max))
            {
                if (seconds < min || seconds > max)
                {
                    errors.Add("durationSeconds", $"Must be between {min} and {max} for {name}.");
                }
            }
            else if (model.Durations.Count == 0)
            {
                errors.Add("durationSeconds", $"Not supported by {name}: the output length is fixed by the model.");
            }
            else if (!model.Durations.Contains(seconds))
            {
                errors.Add("durationSeconds", $"Must be one of {string.Join(", ", model.Durations)} for {name}.");
            }
        }

        CheckChoice(errors, "aspectRatio", aspectRatio, model.AspectRatios, name);
        CheckChoice(errors, "size", size, model.Sizes, name);
        CheckChoice(errors, "resolution", resolution, model.Resolutions, name);
        if (aspectRatio is not null && size is not null)
        {
            errors.Add("size", "Give either aspectRatio or size, not both.");
        }

        if (model.SizeForTextResolutionForImage)
        {
            if (imageUrl is not null && size is not null)
            {
                errors.Add("size", $"Applies to text-to-video only for {name}; with imageUrl give resolution instead.");
            }

            if (imageUrl is null && resolution is not null)
            {
                errors.Add("resolution", $"Applies to image-to-video only for {name}; without imageUrl give size instead.");
            }
        }

        if (imageUrl is not null && !model.Inputs.HasFlag(InputKinds.FirstFrameImage))
        {
            errors.Add("imageUrl", $"Not supported by {name}.");
        }

        if (sourceVideoUrl is not null && !model.Inputs.HasFlag(InputKinds.SourceVideo))
        {
            errors.Add("sourceVideoUrl", $"Not supported by {name}.");
        }

        if (sourceVideoUrl is null && model.RequiresSourceVideo && !errors.Has("sourceVideoUrl"))
        {
            errors.Add("sourceVideoUrl", $"Required by {name}: it extends an existing video.");
        }

        if (request.GenerateAudio is not null && !model.SupportsGenerateAudio)
        {
            errors.Add("generateAudio", $"Not supported by {name}.");
        }

        if (request.WaitMode == WaitMode.Callback && callbacks.WhyUnavailable(model) is { } unavailable)
        {
            errors.Add("waitMode", $"{unavailable} Use poll or auto.");
        }

        if (request.ProviderOptions is { } providerOptions)
        {
            CheckProviderOptions(model, providerOptions, errors, name);
        }
    }

    private static void CheckChoice(FieldErrors errors, string field, string? value, IReadOnlyList<string> allowed, string name)
    {
        if (value is null)
        {
            return;
        }

        if (allowed.Count == 0)
        {
            errors.Add(field, $"Not supported by {name}.");
        }
        else if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(field, $"Must be one of {string.Join(", ", allowed)} for {name}.");
        }
    }

    private static void CheckProviderOptions(ModelDefinition model, JsonObject options, FieldErrors errors, string name)
    {
        if (options.ToJsonString().Length > MaxProviderOptionsBytes)
        {
            errors.Add("providerOptions", $"Must be at most {MaxProviderOptionsBytes} bytes of JSON.");
            return;
        }

        foreach (var (key, value) in options)
        {
            var field = $"providerOptions.{key}";
            var rule = model.ProviderOptions.FirstOrDefault(r => r.Name == key);
            if (rule is null)
            {
                var allowed = model.ProviderOptions.Count == 0
                    ? "none"
                    : string.Join(", ", model.ProviderOptions.Select(r => r.Name));
                errors.Add(field, $"Not an option of {name}. Allowed: {allowed}.");
                continue;
            }

            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            switch (rule.Kind)
            {
                case ProviderOptionKind.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False):
                    errors.Add(field, "Must be true or false.");
                    break;
                case ProviderOptionKind.Object when kind != JsonValueKind.Object:
                    errors.Add(field, "Must be a JSON object.");
                    break;
                case ProviderOptionKind.String when kind != JsonValueKind.String:
                    errors.Add(field, "Must be a string.");
                    break;
                case ProviderOptionKind.String when rule.AllowedValues is { } values
                                                    && !values.Contains(value!.GetValue<string>()):
                    errors.Add(field, $"Must be one of {string.Join(", ", values)}.");
                    break;
                case ProviderOptionKind.StringArray:
                    CheckStringArray(value, rule, field, errors);
                    break;
            }
        }
    }

    private static void CheckStringArray(JsonNode? value, ProviderOptionRule rule, string field, FieldErrors errors)
    {
        if (value is not JsonArray array || array.Any(i => i?.GetValueKind() != JsonValueKind.String))
        {
            errors.Add(field, "Must be an array of strings.");
        }
        else if (rule.MaxItems is { } max && array.Count > max)
        {
            errors.Add(field, $"Must have at most {max} items.");
        }
    }

    private async Task CheckUrlAsync(string field, string? value, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        var check = await urlPolicy.CheckAsync(value, cancellationToken);
        if (!check.IsAllowed)
        {
            errors.Add(field, $"The URL {check.Error}");
        }
    }

    private static OutputRequest? ReadOutput(JsonElement json, FieldErrors errors)
    {
        if (!json.TryGetProperty("output", out var output) || output.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (output.ValueKind != JsonValueKind.Object)
        {
            errors.Add("output", "Must be an object with container and/or blobName.");
            return null;
        }

        var reader = new FieldReader(output, errors, "output.");
        foreach (var property in output.EnumerateObject())
        {
            if (property.Name is not ("container" or "blobName"))
            {
                errors.Add($"output.{property.Name}", "Unknown field.");
            }
        }

        var container = reader.String("container");
        var blobName = reader.String("blobName");
        if (container is not null && !StorageNames.IsValid(container))
        {
            errors.Add("output.container", $"Must be {StorageNames.Rule()}.");
        }

        if (blobName is not null && BlobNameError(blobName) is { } error)
        {
            errors.Add("output.blobName", error);
        }

        return new OutputRequest(container, blobName);
    }

    private static string? BlobNameError(string name)
    {
        if (name.Length is 0 or > 1024)
        {
            return "Must be 1-1024 characters long.";
        }

        if (name.Any(char.IsControl))
        {
            return "Must not contain control characters.";
        }

        var segments = name.Split('/');
        if (segments.Length > 254)
        {
            return "Must have at most 254 path segments.";
        }

        if (segments.Any(s => s is "" or "." or ".."))
        {
            return "Must not have empty, '.' or '..' path segments.";
        }

        return name.EndsWith('.') ? "Must not end with '.'." : null;
    }

    private static IReadOnlyDictionary<string, string>? ReadMetadata(JsonElement json, FieldErrors errors)
    {
        if (!json.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            errors.Add("metadata", "Must be an object of string values.");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in metadata.EnumerateObject())
        {
            var field = $"metadata.{entry.Name}";
            if (!MetadataKey().IsMatch(entry.Name))
            {
                errors.Add(field, "Keys must be 1-64 letters, digits or underscores, starting with a letter or underscore.");
            }
            else if (ReservedMetadataKeys.Contains(entry.Name))
            {
                errors.Add(field, "This key is written by the pipeline itself.");
            }
            else if (result.ContainsKey(entry.Name))
            {
                errors.Add(field, "Keys are case-insensitive; this one is given twice.");
            }

            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(field, "Must be a string.");
                continue;
            }

            var value = entry.Value.GetString()!;
            if (value.Length > MaxMetadataValueLength || value.Any(c => c is < ' ' or > '~'))
            {
                errors.Add(field, $"Must be at most {MaxMetadataValueLength} printable ASCII characters.");
            }

            result[entry.Name] = value;
        }

        if (result.Count > MaxMetadataEntries)
        {
            errors.Add("metadata", $"Must have at most {MaxMetadataEntries} entries.");
        }

        return result;
    }

    private static JobRequestValidation Invalid(FieldErrors errors) => new(null, null, errors.ToDictionary());

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex MetadataKey();
}
