namespace VideoPipeline.Emulator.Media;

/// <summary>The small real media files shipped inside the assembly (see README, "Media").</summary>
internal sealed class MediaAssets
{
    public byte[] Clip { get; } = Load("clip.mp4");

    public byte[] FirstFramePng { get; } = Load("first-frame.png");

    public byte[] ThumbnailWebp { get; } = Load("thumbnail.webp");

    public byte[] SpritesheetJpeg { get; } = Load("spritesheet.jpg");

    private static byte[] Load(string name)
    {
        var resource = $"VideoPipeline.Emulator.Media.{name}";
        using var stream = typeof(MediaAssets).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
