namespace VideoPipeline.Core.Api;

/// <summary>Reads files embedded in this assembly (the csproj's <c>EmbeddedResource</c> items); callers cache them.</summary>
internal static class EmbeddedContent
{
    /// <summary>The file's bytes, or null when no resource has that logical name.</summary>
    public static byte[]? Read(string logicalName)
    {
        using var stream = typeof(EmbeddedContent).Assembly.GetManifestResourceStream(logicalName);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
