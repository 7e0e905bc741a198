using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPipeline.Emulator.Faults;

/// <summary>
/// Reads <c>[emu:name=value]</c> directives from a prompt. Unknown or malformed directives are rejected rather than
/// ignored, so a typo cannot silently turn a fault test into a happy-path test.
/// </summary>
internal static partial class DirectiveParser
{
    public const double MaxSeconds = 86_400;

    /// <summary>1 TiB: far beyond any real clip, small enough that offsets stay well inside a long.</summary>
    public const long MaxBytes = 1L << 40;

    private const string Marker = "[emu:";

    public static bool TryParse(string prompt, out JobDirectives directives, [NotNullWhen(false)] out string? error)
    {
        directives = JobDirectives.None;
        var matches = Directive().Matches(prompt);
        var markers = CountMarkers(prompt);
        if (markers != matches.Count)
        {
            error = "Malformed emulator directive: expected [emu:name] or [emu:name=value].";
            return false;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in matches)
        {
            var name = match.Groups["name"].Value.ToLowerInvariant();
            var value = match.Groups["value"].Success ? match.Groups["value"].Value.Trim() : null;
            if (!seen.Add(name))
            {
                error = $"Emulator directive '{name}' appears more than once.";
                return false;
            }

            if (!TryApply(directives, name, value, out directives, out error))
            {
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryApply(
        JobDirectives current, string name, string? value, out JobDirectives updated, [NotNullWhen(false)] out string? error)
    {
        updated = current;
        error = null;
        switch (name)
        {
            case "seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                                && seconds is >= 0 and <= MaxSeconds:
                updated = current with { Seconds = seconds };
                return true;
            case "seconds":
                error = $"[emu:seconds=N] needs a number of seconds between 0 and {MaxSeconds}.";
                return false;
            case "bytes" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                              && bytes is > 0 and <= MaxBytes:
                updated = current with { Bytes = bytes };
                return true;
            case "bytes":
                error = $"[emu:bytes=N] needs a whole number of bytes between 1 and {MaxBytes}.";
                return false;
            case "fail" when value is not null && FailCode().IsMatch(value):
                updated = current with { FailCode = value };
                return true;
            case "fail":
                error = "[emu:fail=CODE] needs a provider error code (letters, digits, '_', '-', '.', ':').";
                return false;
            case "submit" when TryLookup(value, SubmitFaults, out var fault):
                updated = current with { SubmitFault = fault };
                return true;
            case "submit":
                error = OneOf(name, SubmitFaults);
                return false;
            case "callback" when TryLookup(value, CallbackModes, out var mode):
                updated = current with { Callback = mode };
                return true;
            case "callback":
                error = OneOf(name, CallbackModes);
                return false;
            case "corrupt" when TryLookup(value, Corruptions, out var corruption):
                updated = current with { Corruption = corruption };
                return true;
            case "corrupt":
                error = OneOf(name, Corruptions);
                return false;
            case "expire" when value is null:
                updated = current with { Expire = true };
                return true;
            case "expire":
                error = "[emu:expire] takes no value.";
                return false;
            default:
                error = $"Unknown emulator directive '{name}'. Known: seconds, bytes, fail, submit, callback, corrupt, expire.";
                return false;
        }
    }

    private static readonly Dictionary<string, SubmitFault> SubmitFaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["429"] = SubmitFault.TooManyRequests,
        ["500"] = SubmitFault.ServerError,
        ["timeout"] = SubmitFault.Timeout,
    };

    private static readonly Dictionary<string, CallbackMode> CallbackModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = CallbackMode.None,
        ["duplicate"] = CallbackMode.Duplicate,
        ["early"] = CallbackMode.Early,
        ["late"] = CallbackMode.Late,
    };

    private static readonly Dictionary<string, ContentCorruption> Corruptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["truncate"] = ContentCorruption.Truncate,
        ["html"] = ContentCorruption.Html,
    };

    private static bool TryLookup<T>(string? value, Dictionary<string, T> allowed, out T parsed)
        where T : struct, Enum
    {
        parsed = default;
        return value is not null && allowed.TryGetValue(value, out parsed);
    }

    private static string OneOf<T>(string name, Dictionary<string, T> allowed) =>
        $"[emu:{name}=…] must be one of: {string.Join(", ", allowed.Keys)}.";

    private static int CountMarkers(string prompt)
    {
        var count = 0;
        for (var index = prompt.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
             index >= 0;
             index = prompt.IndexOf(Marker, index + Marker.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"\[emu:(?<name>[a-z]+)(?:=(?<value>[^\[\]]*))?\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex FailCode();
}
