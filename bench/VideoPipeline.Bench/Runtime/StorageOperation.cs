using System.Collections.Specialized;
using System.Text.RegularExpressions;
using System.Web;

namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// Names a storage request by service, what it touches and what it does, from the access-log line alone (Azurite logs
/// blob, queue and table requests alike): e.g. <c>blob videos PUT block</c>,
/// <c>queue videopipeline-control-NN GET messages</c>, <c>table VideoPipelineHistory GET query</c>,
/// <c>blob videopipeline-runtime journals/ PUT appendblock</c>. Job ids in names become <c>{id}</c> and partition
/// numbers <c>NN</c>, so requests of every job and partition add up in one line.
/// </summary>
internal static partial class StorageOperation
{
    public const string Blob = "blob";
    public const string Queue = "queue";
    public const string Table = "table";

    public static string Classify(AzuriteRequest request)
    {
        var segments = request.Path.TrimStart('/').Split('/');
        var first = segments[0];
        var query = HttpUtility.ParseQueryString(request.Query);
        var method = request.Method;

        if (first.Length == 0)
        {
            return $"account {method} {query["comp"] ?? query["restype"] ?? "(root)"}";
        }

        if (IsTable(first, segments.Length, method, query))
        {
            return ClassifyTable(first, method);
        }

        if (segments.Length >= 2 && segments[1] == "messages")
        {
            var operation = segments.Length > 2 ? $"{method} message" : query["peekonly"] == "true" ? "GET messages (peek)" : $"{method} messages";
            return $"{Queue} {QueueName(first)} {operation}";
        }

        if (segments.Length == 1 && query["restype"] != "container")
        {
            return $"{Queue} {QueueName(first)} {method}{(query["comp"] is { } queueComp ? $" comp={queueComp}" : string.Empty)}";
        }

        var comp = query["comp"];
        if (segments.Length == 1 || segments[1].Length == 0)
        {
            return comp == "list"
                ? $"{Blob} {first} list {Family(query["prefix"] ?? string.Empty, includeLast: true)}".TrimEnd()
                : $"{Blob} {first} {method} restype=container{(comp is null ? string.Empty : $" comp={comp}")}";
        }

        // Acquire, renew and release differ only in a header the access log does not show.
        var blobOperation = comp is null ? method : comp == "lease" ? "PUT lease" : $"{method} {comp}";
        var family = Family(string.Join('/', segments[1..]), includeLast: false);
        return $"{Blob} {first} {(family.Length > 0 ? family + " " : string.Empty)}{blobOperation}";
    }

    /// <summary>The service a <see cref="Classify"/> name belongs to.</summary>
    public static string ServiceOf(string operation) => operation[..operation.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>
    /// Table requests: <c>$batch</c>, the <c>Tables</c> collection, <c>Name()</c> (query) and <c>Name(PartitionKey=…,RowKey=…)</c>
    /// (entity), and <c>POST /Name</c> (insert). Queue and container names are lower case, table names need not be.
    /// </summary>
    private static bool IsTable(string first, int segments, string method, NameValueCollection query) =>
        first == "$batch"
        || first == "Tables"
        || first.StartsWith("Tables(", StringComparison.Ordinal)
        || first.Contains('(', StringComparison.Ordinal)
        || (segments == 1 && query["restype"] is null && query["comp"] is null && (method == "POST" || first.Any(char.IsUpper)));

    private static string ClassifyTable(string first, string method)
    {
        if (first == "$batch")
        {
            return $"{Table} (batch) {method} $batch";
        }

        var parenthesis = first.IndexOf('(', StringComparison.Ordinal);
        if (parenthesis < 0)
        {
            return first == "Tables" || method != "POST" ? $"{Table} {first} {method}" : $"{Table} {first} POST insert";
        }

        var name = first[..parenthesis];
        var kind = name == "Tables" ? "table" : first[parenthesis..] == "()" ? "query" : "entity";
        return $"{Table} {name} {method} {kind}";
    }

    /// <summary><c>videopipeline-control-03</c> → <c>videopipeline-control-NN</c>.</summary>
    private static string QueueName(string name) => ControlQueueNumber().Replace(name, "-control-NN");

    /// <summary>
    /// The folders of a blob name, job ids replaced: <c>inbox/job-1/0001</c> → <c>inbox/{id}/</c>,
    /// <c>journals/job-1.jsonl</c> → <c>journals/</c>, <c>job-1.mp4</c> → empty.
    /// </summary>
    private static string Family(string name, bool includeLast)
    {
        if (name.Length == 0)
        {
            return includeLast ? "(all)" : string.Empty;
        }

        var parts = name.Split('/');
        var folders = includeLast ? parts : parts[..^1];
        return string.Concat(folders.Where(p => p.Length > 0).Select(p => (p.StartsWith("job-", StringComparison.Ordinal) ? "{id}" : p) + "/"));
    }

    [GeneratedRegex("-control-[0-9]+$")]
    private static partial Regex ControlQueueNumber();
}
