using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;

namespace VideoPipeline.Emulator.OpenAi;

/// <summary>OpenAI errors: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal sealed class OpenAiErrors : IProviderErrors
{
    public static OpenAiErrors Instance { get; } = new();

    public IResult Unauthorized(string? presentedKey) => Error(
        StatusCodes.Status401Unauthorized,
        presentedKey is null
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : $"Incorrect API key provided: {Mask(presentedKey)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        param: null,
        code: "invalid_api_key");

    public IResult BadRequest(string message, string? param = null) =>
        Error(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, param is null ? null : "invalid_value");

    public IResult MissingParameter(string param) => Error(
        StatusCodes.Status400BadRequest, $"Missing required parameter: '{param}'.", "invalid_request_error", param, "missing_required_parameter");

    public IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message, "invalid_request_error", null, null);

    public IResult TooManyRequests(string message) =>
        Error(StatusCodes.Status429TooManyRequests, message, "requests", null, "rate_limit_exceeded");

    public IResult ServerError() => Error(
        StatusCodes.Status500InternalServerError,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
        null);

    /// <summary>OpenAI echoes only the ends of a wrong key.</summary>
    private static string Mask(string key) => key.Length <= 8 ? "****" : $"{key[..3]}{new string('*', key.Length - 7)}{key[^4..]}";

    private static IResult Error(int status, string message, string type, string? param, string? code) => JsonResults.Json(
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["param"] = param,
                ["code"] = code,
            },
        },
        status);
}
