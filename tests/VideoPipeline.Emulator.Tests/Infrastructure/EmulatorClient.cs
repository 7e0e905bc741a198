using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>Plain HTTP calls in each provider's dialect, written from the providers' documents rather than the emulator's code.</summary>
public sealed class EmulatorClient : IDisposable
{
    public EmulatorClient(EmulatorServer emulator)
    {
        Emulator = emulator;
        Anonymous = new HttpClient { BaseAddress = emulator.BaseUrl };
        FoxApi = Authorized(emulator.Options.FoxApi.ApiKey);
        OpenAi = Authorized(emulator.Options.OpenAi.ApiKey);
        Apixo = Authorized(emulator.Options.Apixo.ApiKey);
    }

    public EmulatorServer Emulator { get; }

    public HttpClient Anonymous { get; }

    public HttpClient FoxApi { get; }

    public HttpClient OpenAi { get; }

    public HttpClient Apixo { get; }

    public Task<HttpResponseMessage> SubmitFoxAsync(object body) => FoxApi.PostAsJsonAsync("v1/videos/generations", body);

    public async Task<string> CreateFoxTaskAsync(string prompt, Uri? callbackUrl = null)
    {
        using var response = await SubmitFoxAsync(new { model = "sora-2", prompt, duration = 4, callback_url = callbackUrl });
        var json = await response.ReadJsonAsync(200);
        return json.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetFoxTaskAsync(string id)
    {
        using var response = await FoxApi.GetAsync($"v1/tasks/{id}");
        return await response.ReadJsonAsync(200);
    }

    public Task<JsonElement> WaitForFoxTaskAsync(string id, string status) =>
        Poll.UntilAsync(() => GetFoxTaskAsync(id), t => t.GetProperty("status").GetString() == status, what: $"FoxAPI task {id} {status}");

    public Task<HttpResponseMessage> CreateOpenAiAsync(string prompt, string model = "sora-2", string size = "720x1280", string seconds = "4")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(model), "model" },
            { new StringContent(prompt), "prompt" },
            { new StringContent(size), "size" },
            { new StringContent(seconds), "seconds" },
        };
        return OpenAi.PostAsync("v1/videos", form);
    }

    public async Task<string> CreateOpenAiVideoAsync(string prompt)
    {
        using var response = await CreateOpenAiAsync(prompt);
        return (await response.ReadJsonAsync(200)).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetOpenAiVideoAsync(string id)
    {
        using var response = await OpenAi.GetAsync($"v1/videos/{id}");
        return await response.ReadJsonAsync(200);
    }

    public Task<JsonElement> WaitForOpenAiVideoAsync(string id, string status) =>
        Poll.UntilAsync(() => GetOpenAiVideoAsync(id), v => v.GetProperty("status").GetString() == status, what: $"video {id} {status}");

    public Task<HttpResponseMessage> SubmitApixoAsync(object body, string model = "sora-2-pro") =>
        Apixo.PostAsJsonAsync($"api/v1/generateTask/{model}", body);

    public async Task<string> CreateApixoTaskAsync(string prompt, Uri? callbackUrl = null)
    {
        using var response = await SubmitApixoAsync(new
        {
            request_type = callbackUrl is null ? "async" : "callback",
            callback_url = callbackUrl,
            provider = "official",
            input = new { mode = "text-to-video", prompt, duration = 4, size = "1280*720" },
        });
        return (await response.ReadJsonAsync(200)).GetProperty("data").GetProperty("taskId").GetString()!;
    }

    public async Task<JsonElement> GetApixoTaskAsync(string taskId)
    {
        using var response = await Apixo.GetAsync($"api/v1/statusTask/sora-2-pro?taskId={taskId}");
        return await response.ReadJsonAsync(200);
    }

    public Task<JsonElement> WaitForApixoTaskAsync(string taskId, string state) =>
        Poll.UntilAsync(() => GetApixoTaskAsync(taskId), t => t.GetProperty("data").GetProperty("state").GetString() == state,
            what: $"APIXO task {taskId} {state}");

    /// <summary>Submits a short task through any dialect and returns its id.</summary>
    public Task<string> CreateTaskAsync(string provider, string prompt) => provider switch
    {
        "foxapi" => CreateFoxTaskAsync(prompt),
        "openai" => CreateOpenAiVideoAsync(prompt),
        "apixo" => CreateApixoTaskAsync(prompt),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Submits through any dialect and returns the raw answer.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string provider, string prompt) => provider switch
    {
        "foxapi" => SubmitFoxAsync(new { model = "sora-2", prompt }),
        "openai" => CreateOpenAiAsync(prompt),
        "apixo" => SubmitApixoAsync(new { request_type = "async", input = new { mode = "text-to-video", prompt } }),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Waits for a finished task and returns where its video can be downloaded from (and with which client).</summary>
    public async Task<(HttpClient Client, string Url)> WaitForResultAsync(string provider, string id)
    {
        switch (provider)
        {
            case "foxapi":
                var fox = await WaitForFoxTaskAsync(id, "completed");
                return (Anonymous, fox.GetProperty("results")[0].GetString()!);
            case "openai":
                await WaitForOpenAiVideoAsync(id, "completed");
                return (OpenAi, $"v1/videos/{id}/content");
            case "apixo":
                var apixo = await WaitForApixoTaskAsync(id, "success");
                using (var result = JsonDocument.Parse(apixo.GetProperty("data").GetProperty("resultJson").GetString()!))
                {
                    return (Anonymous, result.RootElement.GetProperty("resultUrls")[0].GetString()!);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    public async Task<JsonElement> GetStatsAsync()
    {
        using var response = await Anonymous.GetAsync("emulator/stats");
        return await response.ReadJsonAsync(200);
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        FoxApi.Dispose();
        OpenAi.Dispose();
        Apixo.Dispose();
    }

    private HttpClient Authorized(string key) => new()
    {
        BaseAddress = Emulator.BaseUrl,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };
}
