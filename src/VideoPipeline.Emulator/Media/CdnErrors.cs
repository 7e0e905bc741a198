namespace VideoPipeline.Emulator.Media;

/// <summary>Error answers in the XML style of object stores behind signed CDN links.</summary>
internal static class CdnErrors
{
    public static IResult NoSuchKey() => Xml(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");

    public static IResult Expired() => Xml(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired");

    private static IResult Xml(int status, string code, string message) => Results.Text(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>",
        "application/xml",
        statusCode: status);
}
