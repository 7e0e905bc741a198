using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoPipeline.Client.Http;

/// <summary>
/// Sends the key as <c>x-functions-key</c>, the header Azure Functions' <c>AuthorizationLevel.Function</c> (and the
/// local host's <c>LocalHost:FunctionKey</c>) checks. The key is read per request, so
/// <c>AzureKeyCredential.Update</c> rotates it.
/// </summary>
internal sealed class FunctionKeyPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "x-functions-key";

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HeaderName, credential.Key);
}
