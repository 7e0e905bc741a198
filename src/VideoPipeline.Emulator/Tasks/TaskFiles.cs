using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>
/// Tasks on disk, one JSON file per task in <c>{DataDirectory}/tasks</c>, so that an emulator restarted on the same
/// directory knows every task it accepted, as a real provider does. A file is written whole under a temporary name and
/// renamed over the old one: a crash leaves the old version or the new one, never part of one.
/// </summary>
internal sealed class TaskFiles
{
    private const string Extension = ".json";
    private const string TemporaryExtension = ".tmp";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Derived values (completion time, result URL, …) are recomputed from the stored ones.
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _directory;

    public TaskFiles(string dataDirectory)
    {
        _directory = Path.Combine(Path.GetFullPath(dataDirectory), "tasks");
        Directory.CreateDirectory(_directory);
    }

    public string Location => _directory;

    public void Save(EmulatedTask task)
    {
        var path = PathOf(task.Id);
        var temporary = path + TemporaryExtension;
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(task, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Every stored task, and the files that could not be read (named with why).</summary>
    public (List<EmulatedTask> Tasks, List<string> Unreadable) LoadAll()
    {
        var tasks = new List<EmulatedTask>();
        var unreadable = new List<string>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            try
            {
                tasks.Add(JsonSerializer.Deserialize<EmulatedTask>(File.ReadAllBytes(path), Json)
                          ?? throw new JsonException("The file holds null."));
            }
            catch (JsonException e)
            {
                unreadable.Add($"{path}: {e.Message}");
            }
        }

        return (tasks, unreadable);
    }

    public void DeleteAll()
    {
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            File.Delete(path);
        }
    }

    // Task ids are the emulator's own (letters, digits, '-' and '_'), so they are safe file names.
    private string PathOf(string taskId) => Path.Combine(_directory, taskId + Extension);
}
