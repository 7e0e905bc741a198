using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.OpenAi;

/// <summary>Reads create and remix requests, as multipart form (what the docs show) or JSON (what the SDKs also send).</summary>
internal static class OpenAiRequestParser
{
    private static OpenAiErrors Errors => OpenAiErrors.Instance;

    public static async Task<(TaskDraft? Draft, IResult? Error)> ReadCreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (fields, error) = await ReadFieldsAsync(request, cancellationToken);
        if (fields is null)
        {
            return (null, error);
        }

        var model = fields.GetValueOrDefault("model") ?? OpenAiModels.DefaultModel;
        if (!OpenAiModels.TryGetSizes(model, out var sizes))
        {
            return (null, Errors.BadRequest(Unsupported(model, OpenAiModels.Names), "model"));
        }

        if (fields.GetValueOrDefault("prompt") is not { } prompt || string.IsNullOrWhiteSpace(prompt))
        {
            return (null, Errors.MissingParameter("prompt"));
        }

        var size = fields.GetValueOrDefault("size") ?? OpenAiModels.DefaultSize;
        if (!sizes.Contains(size))
        {
            return (null, Errors.BadRequest(Unsupported(size, sizes), "size"));
        }

        var seconds = fields.GetValueOrDefault("seconds") ?? OpenAiModels.DefaultSeconds;
        if (!OpenAiModels.Seconds.Contains(seconds))
        {
            return (null, Errors.BadRequest(Unsupported(seconds, OpenAiModels.Seconds), "seconds"));
        }

        var draft = new TaskDraft(ProviderKind.OpenAi, model, prompt) { Size = size, Seconds = seconds };
        return (draft, null);
    }

    public static async Task<(string? Prompt, IResult? Error)> ReadRemixAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (fields, error) = await ReadFieldsAsync(request, cancellationToken);
        if (fields is null)
        {
            return (null, error);
        }

        return fields.GetValueOrDefault("prompt") is { } prompt && !string.IsNullOrWhiteSpace(prompt)
            ? (prompt, null)
            : (null, Errors.MissingParameter("prompt"));
    }

    private static string Unsupported(string value, IEnumerable<string> supported) =>
        $"Invalid value: '{value}'. Supported values are: {string.Join(", ", supported.Select(s => $"'{s}'"))}.";

    private static async Task<(Dictionary<string, string>? Fields, IResult? Error)> ReadFieldsAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, cancellationToken);
        }

        var (body, error) = await JsonBody.ReadObjectAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, Errors.BadRequest($"Send multipart/form-data or JSON. {error}"));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in body)
        {
            // 'seconds' may arrive as a JSON number; the API's own type is a string.
            if (node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
            {
                fields[name] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }

        return (fields, null);
    }

    private static async Task<(Dictionary<string, string>? Fields, IResult? Error)> ReadFormAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Errors.BadRequest($"The multipart body could not be read: {exception.Message}"));
        }

        if (form.Files.GetFile("input_reference") is { } reference && !await IsSupportedImageAsync(reference, cancellationToken))
        {
            return (null, Errors.BadRequest(
                "Invalid file format for 'input_reference'. Supported formats are: 'image/jpeg', 'image/png', 'image/webp'.",
                "input_reference"));
        }

        var fields = form.Keys.ToDictionary(key => key, key => form[key].ToString(), StringComparer.Ordinal);
        return (fields, null);
    }

    /// <summary>Judges the bytes, not the declared type, as clients often send images as octet-stream.</summary>
    private static async Task<bool> IsSupportedImageAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var head = new byte[12];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var bytes = head.AsSpan(0, read);
        return bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
               || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
               || (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8));
    }
}
