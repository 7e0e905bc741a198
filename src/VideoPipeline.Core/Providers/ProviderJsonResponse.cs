using System.Net.Http.Headers;
using System.Text.Json;

namespace VideoPipeline.Core.Providers;

/// <summary>A successful provider answer: its JSON body and its headers (e.g. <c>openai-poll-after-ms</c>).</summary>
internal sealed record ProviderJsonResponse(JsonElement Body, HttpResponseHeaders Headers);
