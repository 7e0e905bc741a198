using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;

namespace VideoPipeline.Emulator.FoxApi;

/// <summary>FoxAPI errors: <c>{"error": {"message", "type"}}</c> with the platform's error types.</summary>
internal sealed class FoxApiErrors : IProviderErrors
{
    public static FoxApiErrors Instance { get; } = new();

    public IResult Unauthorized(string? presentedKey) => Error(
        StatusCodes.Status401Unauthorized,
        "authentication_error",
        presentedKey is null ? "Missing API key. Send 'Authorization: Bearer <api key>'." : "Invalid API key.");

    public IResult BadRequest(string message, string? param = null) =>
        Error(StatusCodes.Status400BadRequest, "invalid_request_error", message);

    public IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "not_found", message);

    public IResult TooManyRequests(string message) => Error(StatusCodes.Status429TooManyRequests, "rate_limit_error", message);

    public IResult ServerError() =>
        Error(StatusCodes.Status500InternalServerError, "server_error", "Internal server error. Please try again later.");

    private static IResult Error(int status, string type, string message) => JsonResults.Json(
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } },
        status);
}
