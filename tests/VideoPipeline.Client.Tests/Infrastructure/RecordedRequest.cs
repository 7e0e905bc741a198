using Azure.Core;

namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>One attempt as it left the client.</summary>
public sealed record RecordedRequest(RequestMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, DateTimeOffset SentAt);
