using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;

namespace VideoPipeline.Emulator.Apixo;

/// <summary>APIXO errors: <c>{"code": &lt;HTTP status&gt;, "message"}</c>.</summary>
internal sealed class ApixoErrors : IProviderErrors
{
    public static ApixoErrors Instance { get; } = new();

    public IResult Unauthorized(string? presentedKey) => Error(StatusCodes.Status401Unauthorized, "Invalid or missing API key");

    public IResult BadRequest(string message, string? param = null) => Error(StatusCodes.Status400BadRequest, message);

    public IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public IResult TooManyRequests(string message) => Error(StatusCodes.Status429TooManyRequests, message);

    public IResult ServerError() => Error(StatusCodes.Status500InternalServerError, "Internal server error");

    private static IResult Error(int status, string message) =>
        JsonResults.Json(new JsonObject { ["code"] = status, ["message"] = message }, status);
}
