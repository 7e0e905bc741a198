namespace VideoPipeline.Core.Providers;

/// <summary>An input image fetched for upload, with the media type it was served with.</summary>
internal sealed record InputImage(byte[] Bytes, string ContentType, string FileName);
