using System.Globalization;

namespace VideoPipeline.Bench.Measurement;

/// <summary>Parses <c>--name value</c> options; anything unknown is an error, so a typo never runs the defaults.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
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
                parsed._values[name] = args[++i];
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

    public string? String(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string name, int[] fallback) =>
        _values.TryGetValue(name, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : fallback;
}
