using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.Emulator.Stats;

/// <summary>One set of counters, updated lock-free.</summary>
internal sealed class StatCounters
{
    private static readonly StatKind[] Kinds = Enum.GetValues<StatKind>();

    private readonly long[] _values = new long[Kinds.Length];

    public void Increment(StatKind kind) => Interlocked.Increment(ref _values[(int)kind]);

    public long this[StatKind kind] => Interlocked.Read(ref _values[(int)kind]);

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var kind in Kinds)
        {
            json[JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())] = this[kind];
        }

        return json;
    }
}
