using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPipeline.Bench.Runtime;

/// <summary>One line of Azurite's access log, and when this process read it.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path after the account, e.g. <c>/videos/job-1.mp4</c>.</param>
/// <param name="Query">Query string without the <c>?</c>, or empty.</param>
/// <param name="Status">HTTP status Azurite answered.</param>
/// <param name="ObservedAt">When the line arrived here (Azurite logs whole seconds only).</param>
internal sealed partial record AzuriteRequest(string Method, string Path, string Query, int Status, DateTime ObservedAt)
{
    /// <summary>
    /// <c>127.0.0.1 - - [21/Nov/2026:17:39:01 +0000] "PUT /devstoreaccount1/c/b?comp=block&amp;blockid=A HTTP/1.1" 201 -</c>;
    /// null for Azurite's other output.
    /// </summary>
    public static AzuriteRequest? Parse(string line, DateTime observedAt)
    {
        var match = AccessLogLine().Match(line);
        return match.Success
            ? new AzuriteRequest(
                match.Groups["method"].Value,
                Uri.UnescapeDataString(match.Groups["path"].Value),
                match.Groups["query"].Value,
                int.Parse(match.Groups["status"].ValueSpan, CultureInfo.InvariantCulture),
                observedAt)
            : null;
    }

    [GeneratedRegex("\"(?<method>[A-Z]+) /devstoreaccount1(?<path>[^ ?]*)(?:\\?(?<query>[^ ]*))? HTTP/[0-9.]+\" (?<status>[0-9]{3})")]
    private static partial Regex AccessLogLine();
}
