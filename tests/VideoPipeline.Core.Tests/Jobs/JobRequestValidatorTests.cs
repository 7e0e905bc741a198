using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Security;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Jobs;

public class JobRequestValidatorTests
{
    private static JobRequestValidator Validator(
        bool callbacksConfigured = true, string? webhookSecret = null, string publicBaseUrl = "https://pipeline.example.com")
    {
        var pipeline = Options.Create(new PipelineOptions
        {
            PublicBaseUrl = callbacksConfigured ? new Uri(publicBaseUrl) : null,
            CallbackSecret = callbacksConfigured ? "secret" : null,
            DevelopmentAllowedOrigins = ["http://127.0.0.1:7072"],
        });
        var providers = Options.Create(new ProvidersOptions { OpenAi = { WebhookSecret = webhookSecret } });
        var urls = new MediaUrlPolicy(new StaticHostAddressResolver(), pipeline);
        return new JobRequestValidator(
            ModelCatalogue.Default,
            urls,
            new CallbackAvailability(pipeline, providers, ModelCatalogue.Default, urls, NullLogger<CallbackAvailability>.Instance));
    }

    private static async Task<JobRequestValidation> Validate(string json, JobRequestValidator? validator = null)
    {
        using var document = JsonDocument.Parse(json);
        return await (validator ?? Validator()).ValidateAsync(document.RootElement.Clone());
    }

    [Theory]
    [InlineData("""{"provider":"foxapi","model":"sora-2-preview","prompt":"A cat","imageUrl":"https://cdn.example.com/i.png","durationSeconds":5,"aspectRatio":"auto","providerOptions":{"model_params":{}}}""")]
    [InlineData("""{"provider":"foxapi","model":"sora-2","prompt":"Waves","aspectRatio":"16:9","durationSeconds":8,"resolution":"1080p","providerOptions":{"character_ids":["char_abc"],"delete_video":false}}""")]
    [InlineData("""{"provider":"foxapi","model":"sora-2-pro","prompt":"Waves","durationSeconds":20,"imageUrl":"https://cdn.example.com/f.jpg"}""")]
    [InlineData("""{"provider":"foxapi","model":"veo-3.1-extend","prompt":"Pan on","sourceVideoUrl":"https://cdn.example.com/in.mp4","aspectRatio":"9:16","generateAudio":true,"providerOptions":{"advanced":{"seed":1}}}""")]
    [InlineData("""{"provider":"foxapi","model":"veo-3.1-extend-fast","prompt":"Pan on","sourceVideoUrl":"http://127.0.0.1:7072/samples/input.mp4"}""")]
    [InlineData("""{"provider":"openai","model":"sora-2","prompt":"Cat","size":"1280x720","durationSeconds":12,"waitMode":"poll"}""")]
    [InlineData("""{"provider":"openai","model":"sora-2-pro","prompt":"Cat","size":"1792x1024"}""")]
    [InlineData("""{"provider":"apixo","model":"sora-2-pro","prompt":"Cat","size":"720x1280","durationSeconds":4,"providerOptions":{"provider":"official"}}""")]
    [InlineData("""{"provider":"apixo","model":"sora-2-pro","prompt":"Cat","imageUrl":"https://cdn.example.com/f.png","resolution":"1080p","waitMode":"callback"}""")]
    [InlineData("""{"provider":"foxapi","model":"sora-2","prompt":"Cat","output":{"container":"my-videos","blobName":"2026/11/cat.mp4"},"metadata":{"campaign":"winter"},"notifyUrl":"https://app.example.com/hook"}""")]
    public async Task ValidateAsync_DocumentedRequest_IsAccepted(string json)
    {
        var result = await Validate(json);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        Assert.NotNull(result.Model);
    }

    [Fact]
    public async Task ValidateAsync_ValidRequest_MapsEveryField()
    {
        var result = await Validate("""
            {"provider":"foxapi","model":"sora-2","prompt":"Waves","aspectRatio":"9:16","resolution":"720p",
             "imageUrl":"https://cdn.example.com/f.jpg","waitMode":"poll","output":{"blobName":"w.mp4"},
             "metadata":{"k":"v"},"providerOptions":{"delete_video":true}}
            """);

        var request = result.Request!;
        Assert.Equal(ProviderName.FoxApi, request.Provider);
        Assert.Equal("sora-2", request.Model);
        Assert.Equal(4, request.DurationSeconds);
        Assert.Equal("9:16", request.AspectRatio);
        Assert.Equal("720p", request.Resolution);
        Assert.Equal(WaitMode.Poll, request.WaitMode);
        Assert.Equal("w.mp4", request.Output!.BlobName);
        Assert.Null(request.Output.Container);
        Assert.Equal("v", request.Metadata!["k"]);
        Assert.True(request.ProviderOptions!["delete_video"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(InvalidRequestCorpus.Cases), MemberType = typeof(InvalidRequestCorpus))]
    public async Task ValidateAsync_InvalidField_ReportsThatField(string json, string[] fields)
    {
        var result = await Validate(json);

        Assert.False(result.IsValid);
        Assert.Null(result.Request);
        foreach (var field in fields)
        {
            Assert.True(result.Errors.ContainsKey(field),
                $"expected an error for '{field}', got: {string.Join(", ", result.Errors.Keys)}");
        }
    }

    [Fact]
    public async Task ValidateAsync_ManyBadFields_ReportsAllAtOnce()
    {
        var result = await Validate("""
            {"provider":"foxapi","model":"sora-2","prompt":"","durationSeconds":7,"aspectRatio":"1:1",
             "resolution":"8k","imageUrl":"https://10.0.0.1/x.png","notifyUrl":"http://app.example.com",
             "metadata":{"jobid":"x"},"providerOptions":{"nope":1},"extra":true}
            """);

        Assert.Equal(
            new[] { "aspectRatio", "durationSeconds", "extra", "imageUrl", "metadata.jobid", "notifyUrl", "prompt",
                    "providerOptions.nope", "resolution" },
            result.Errors.Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("sora-2-preview", 2000)]
    [InlineData("sora-2", 5000)]
    public async Task ValidateAsync_PromptLimit_AcceptsAtLimitRejectsAbove(string model, int limit)
    {
        var atLimit = await Validate($$"""{"provider":"foxapi","model":"{{model}}","prompt":"{{new string('a', limit)}}"}""");
        var over = await Validate($$"""{"provider":"foxapi","model":"{{model}}","prompt":"{{new string('a', limit + 1)}}"}""");

        Assert.True(atLimit.IsValid);
        Assert.Contains("prompt", over.Errors.Keys);
    }

    [Fact]
    public async Task ValidateAsync_OverLongUrl_IsRejected()
    {
        var url = "https://cdn.example.com/" + new string('a', MediaUrlPolicy.MaxLength);

        var result = await Validate($$"""{"provider":"foxapi","model":"sora-2","prompt":"x","imageUrl":"{{url}}"}""");

        Assert.Contains("at most 2048", result.Errors["imageUrl"][0]);
    }

    [Fact]
    public async Task ValidateAsync_CallbackModeWithoutPublicUrl_IsRejected()
    {
        var result = await Validate(
            """{"provider":"foxapi","model":"sora-2","prompt":"x","waitMode":"callback"}""",
            Validator(callbacksConfigured: false));

        Assert.Contains("not configured", result.Errors["waitMode"][0]);
    }

    [Theory]
    [InlineData("foxapi", "sora-2")]
    [InlineData("apixo", "sora-2-pro")]
    public async Task ValidateAsync_CallbackModeWithPublicBaseUrlProvidersRefuse_IsRejectedAndAutoIsAccepted(string provider, string model)
    {
        var validator = Validator(publicBaseUrl: "http://10.0.0.5:7071");

        var callback = await Validate($$"""{"provider":"{{provider}}","model":"{{model}}","prompt":"x","waitMode":"callback"}""", validator);
        var auto = await Validate($$"""{"provider":"{{provider}}","model":"{{model}}","prompt":"x","waitMode":"auto"}""", validator);

        var error = Assert.Single(callback.Errors["waitMode"]);
        Assert.Contains("public https", error);
        Assert.DoesNotContain("10.0.0.5", error);
        Assert.True(auto.IsValid);
    }

    [Fact]
    public async Task ValidateAsync_OpenAiCallbackWithoutWebhookSecret_IsRejected()
    {
        var result = await Validate("""{"provider":"openai","model":"sora-2","prompt":"x","waitMode":"callback"}""");

        Assert.Contains("not configured", result.Errors["waitMode"][0]);
    }

    [Fact]
    public async Task ValidateAsync_OpenAiCallbackWithWebhookSecret_IsAccepted()
    {
        var result = await Validate(
            """{"provider":"openai","model":"sora-2","prompt":"x","waitMode":"callback"}""",
            Validator(webhookSecret: "whsec_c2VjcmV0"));

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task ValidateAsync_TooManyMetadataEntries_IsRejected()
    {
        var entries = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\""));

        var result = await Validate($$$"""{"provider":"foxapi","model":"sora-2","prompt":"x","metadata":{{{{entries}}}}}""");

        Assert.Contains("metadata", result.Errors.Keys);
    }
}
