using System.Text;
using Azure;
using VideoPipeline.Client;
using VideoPipeline.Testing;

namespace VideoPipeline.Client.Tests;

/// <summary>
/// The local stack as an app meets it in Azure: API calls need a Functions key, notifications are signed, and a
/// loopback receiver for them is on the development allowlist.
/// </summary>
public sealed class ClientStack : PipelineStack
{
    public const string FunctionKey = "client-tests-function-key";

    public static readonly string NotifySigningSecret =
        "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-tests-notify-signing-secret"));

    /// <summary>
    /// The workflow's shortest poll interval (the production default), hence the Retry-After the host sends: longer
    /// than the client's own 1 s fallback, so tests can tell that the client follows the host.
    /// </summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Where <see cref="Infrastructure.NotificationReceiver"/> listens; the host allows it as a notify URL.</summary>
    public int ReceiverPort { get; } = FreePort.Next();

    public VideoPipelineClient CreateClient(VideoPipelineClientOptions? options = null) =>
        new(Host.BaseUrl, new AzureKeyCredential(FunctionKey), options);

    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["LocalHost:FunctionKey"] = FunctionKey;
        settings["Pipeline:MinPollInterval"] = MinPollInterval.ToString("c");
        settings["Pipeline:NotifySigningSecret"] = NotifySigningSecret;
        settings["Pipeline:DevelopmentAllowedOrigins:1"] = $"http://127.0.0.1:{ReceiverPort}";
    }
}
