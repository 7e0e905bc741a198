using Azure.Core;

namespace VideoPipeline.Client;

/// <summary>
/// Options of a <see cref="VideoPipelineClient"/>: the Azure.Core pipeline's retries, diagnostics and transport
/// (from <see cref="ClientOptions"/>), and the audience of Microsoft Entra tokens.
/// </summary>
public class VideoPipelineClientOptions : ClientOptions
{
    /// <summary>
    /// The App Service Authentication (Easy Auth) audience the Functions app accepts, e.g. <c>api://&lt;client-id&gt;</c>;
    /// tokens are requested for <c>{Audience}/.default</c>. Required with a <see cref="TokenCredential"/>.
    /// </summary>
    public string? Audience { get; set; }
}
