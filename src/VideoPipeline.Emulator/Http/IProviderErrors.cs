namespace VideoPipeline.Emulator.Http;

/// <summary>One provider's HTTP error answers, in its own body shape.</summary>
internal interface IProviderErrors
{
    /// <param name="presentedKey">The bearer key the client sent, or null when it sent none.</param>
    IResult Unauthorized(string? presentedKey);

    IResult BadRequest(string message, string? param = null);

    IResult NotFound(string message);

    /// <summary>429; the caller has already set <c>Retry-After</c>.</summary>
    IResult TooManyRequests(string message);

    IResult ServerError();
}
