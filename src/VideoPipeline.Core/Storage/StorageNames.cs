using System.Text.RegularExpressions;

namespace VideoPipeline.Core.Storage;

/// <summary>
/// Azure Storage's naming rule for blob containers and queues (they share it): 3 to 63 lower-case letters, digits and
/// single hyphens, starting and ending with a letter or digit.
/// </summary>
public static partial class StorageNames
{
    public const int MaxLength = 63;

    /// <summary>True when <paramref name="name"/> is a valid container or queue name of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsValid(string? name, int maxLength = MaxLength) =>
        name is not null && name.Length >= 3 && name.Length <= maxLength && Pattern().IsMatch(name);

    /// <summary>The rule in words, for error messages.</summary>
    public static string Rule(int maxLength = MaxLength) =>
        $"3-{maxLength} characters of lower-case letters, digits and single hyphens, starting and ending with a letter or digit";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
