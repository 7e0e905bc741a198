using System.Globalization;

namespace VideoPipeline.Bench.Measurement;

/// <summary>
/// Parses <c>--name value</c> options; anything unknown is an error, so a typo never runs the defaults. An option given
/// twice keeps both values (<see cref="Pairs"/>); the single-value readers take the last.
/// </summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private BenchArgs()
    {
    }

    /// <param name="args">The command's arguments.</param>
    /// <param name="options">Options that take a value.</param>
    /// <param name="flags">Options without a value.</param>
    public static BenchArgs Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                parsed._flags.Add(name);
            }
            else if (options.Contains(name) && i + 1 < args.Count)
            {
                if (!parsed._values.TryGetValue(name, out var values))
                {
                    parsed._values[name] = values = [];
                }

                values.Add(args[++i]);
            }
            else
            {
                throw new ArgumentException(
                    $"Unknown or incomplete argument '{name}'. Options: {string.Join(' ', options.Concat(flags))}");
            }
        }

        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? String(string name) => _values.TryGetValue(name, out var values) ? values[^1] : null;

    public int Int(string name, int fallback) =>
        String(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        String(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string name, int[] fallback) =>
        String(name) is { } value
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : fallback;

    public string[] Strings(string name, string[] fallback) =>
        String(name) is { } value ? value.Split(',', StringSplitOptions.RemoveEmptyEntries) : fallback;

    /// <summary>Every <c>--name Key=Value</c> given, e.g. host settings: <c>--set DurableTask:PartitionCount=1 --set …</c>.</summary>
    public Dictionary<string, string> Pairs(string name)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in _values.GetValueOrDefault(name) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new ArgumentException($"{name} takes Key=Value, not '{pair}'.");
            }

            pairs[pair[..equals]] = pair[(equals + 1)..];
        }

        return pairs;
    }
}
