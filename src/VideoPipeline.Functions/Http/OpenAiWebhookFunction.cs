using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Http;

/// <summary><c>POST /api/webhooks/openai</c>: OpenAI project webhooks. Anonymous at the Functions level: the Standard Webhooks signature is the credential.</summary>
public sealed class OpenAiWebhookFunction(VideoJobsApiFactory apis)
{
    [Function("OpenAiWebhook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/openai")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var api = apis.Create(client);
        return new ApiResponseActionResult(await api.OpenAiWebhookAsync(request.Headers["webhook-id"].FirstOrDefault(), request.Headers["webhook-timestamp"].FirstOrDefault(), request.Headers["webhook-signature"].FirstOrDefault(), request.Body, request.HttpContext.RequestAborted));
    }
}
