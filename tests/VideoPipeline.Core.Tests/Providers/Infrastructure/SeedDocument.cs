using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VideoPipeline.Core.Tests.Providers.Infrastructure;

/// <summary>
/// One of the provider documents in <c>Providers/Seeds</c> (copied from the shared seeds), with its curl request
/// example and its response example extracted verbatim.
/// </summary>
public sealed partial class SeedDocument
{
    private readonly string _text;

    private SeedDocument(string text) => _text = text;

    public static SeedDocument Load(string number)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Providers", "Seeds");
        return new SeedDocument(File.ReadAllText(Directory.GetFiles(folder, number + "_*.txt").Single()));
    }

    /// <summary>The JSON after <c>--data '</c> in the curl example.</summary>
    public JsonNode RequestJson()
    {
        var start = _text.IndexOf("--data '", StringComparison.Ordinal) + "--data '".Length;
        var end = _text.IndexOf("\n'", start, StringComparison.Ordinal);
        return JsonNode.Parse(_text[start..end])!;
    }

    /// <summary>The <c>--form name=value</c> fields of the curl example, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> FormFields() =>
        FormField().Matches(_text).Select(m => (m.Groups["name"].Value, m.Groups["value"].Value)).ToList();

    /// <summary>The response example: the first JSON object after the curl command.</summary>
    public string ResponseJson()
    {
        var data = _text.IndexOf("--data '", StringComparison.Ordinal);
        var endOfCurl = data >= 0
            ? _text.IndexOf("\n'", data, StringComparison.Ordinal)
            : _text.LastIndexOf("--form", StringComparison.Ordinal);
        var start = _text.IndexOf("\n{", endOfCurl, StringComparison.Ordinal) + 1;

        var bytes = Encoding.UTF8.GetBytes(_text[start..]);
        var reader = new Utf8JsonReader(bytes);
        using var document = JsonDocument.ParseValue(ref reader);
        return Encoding.UTF8.GetString(bytes, 0, (int)reader.BytesConsumed);
    }

    [GeneratedRegex(@"--form (?:'(?<name>[a-z_]+)=(?<value>[^'\r\n]*)'|(?<name>[a-z_]+)=(?<value>\S+))")]
    private static partial Regex FormField();
}
