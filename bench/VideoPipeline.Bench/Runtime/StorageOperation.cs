using System.Web;

namespace VideoPipeline.Bench.Runtime;

/// <summary>Names a storage request by what it touches (container and blob family) and what it does.</summary>
internal static class StorageOperation
{
    public const string RuntimeContainer = "videopipeline-runtime";

    /// <summary>E.g. <c>runtime journals/ PUT appendblock</c>, <c>videos PUT block</c>, <c>runtime list locks/</c>.</summary>
    public static string Classify(AzuriteRequest request)
    {
        var parts = request.Path.TrimStart('/').Split('/', 2);
        var container = parts[0] == RuntimeContainer ? "runtime" : parts[0];
        var query = HttpUtility.ParseQueryString(request.Query);
        var comp = query["comp"];
        if (parts.Length == 1 || parts[1].Length == 0)
        {
            if (comp == "list" && query["restype"] == "container")
            {
                return $"{container} list {PrefixFamily(query["prefix"] ?? string.Empty)}";
            }

            return $"{container} {request.Method} {(query["restype"] is { } restype ? $"restype={restype}" : "(service)")}";
        }

        var blob = parts[1];
        var family = container == "runtime" || container.StartsWith("videopipeline-", StringComparison.Ordinal)
            ? PrefixFamily(blob)
            : container == "videos" ? string.Empty : "(blob)";
        var operation = comp is null ? request.Method : $"{request.Method} {comp}";
        if (comp == "lease" && request.Method == "PUT")
        {
            // Acquire, renew and release differ only in a header the access log does not show.
            operation = "PUT lease";
        }

        return $"{container} {family}{(family.Length > 0 ? " " : string.Empty)}{operation}";
    }

    /// <summary><c>inbox/job-1/0001</c> → <c>inbox/{id}/</c>; <c>locks/job-1</c> → <c>locks/</c>.</summary>
    private static string PrefixFamily(string name)
    {
        if (name.Length == 0)
        {
            return "(all)";
        }

        var slash = name.IndexOf('/');
        if (slash < 0)
        {
            return "(root)";
        }

        var family = name[..(slash + 1)];
        return family == "inbox/" && name.Length > slash + 1 ? "inbox/{id}/" : family;
    }
}
