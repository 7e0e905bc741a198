using System.Text.Json.Serialization;

namespace VideoPipeline.Core.Jobs;

/// <summary>The provider APIs (dialects) the pipeline speaks. Serialised lower-case: foxapi, openai, apixo.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderName>))]
public enum ProviderName
{
    [JsonStringEnumMemberName("foxapi")] FoxApi,
    [JsonStringEnumMemberName("openai")] OpenAi,
    [JsonStringEnumMemberName("apixo")] Apixo,
}
