namespace VideoPipeline.Core.Providers;

/// <summary>Names of the HTTP clients that talk to hosts other than the provider APIs.</summary>
internal static class ProviderHttpClientNames
{
    /// <summary>Finished videos at public signed URLs (FoxAPI, APIXO CDNs). No Authorization header, ever.</summary>
    public const string ResultMedia = "VideoPipeline.Providers.ResultMedia";

    /// <summary>User-supplied input images fetched for upload (OpenAI <c>input_reference</c>). No auth, no redirects.</summary>
    public const string InputMedia = "VideoPipeline.Providers.InputMedia";
}
