namespace VideoPipeline.Local.Runtime;

/// <summary>The orchestrators and activities this process can run. Names are case-insensitive, as in Durable Functions.</summary>
internal sealed class LocalRuntimeRegistry
{
    private readonly Dictionary<string, OrchestratorRegistration> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ActivityRegistration> _activities = new(StringComparer.OrdinalIgnoreCase);

    public void Add(OrchestratorRegistration orchestrator)
    {
        if (!_orchestrators.TryAdd(orchestrator.Name, orchestrator))
        {
            throw new InvalidOperationException($"An orchestrator named '{orchestrator.Name}' is already registered.");
        }
    }

    public void Add(ActivityRegistration activity)
    {
        if (!_activities.TryAdd(activity.Name, activity))
        {
            throw new InvalidOperationException($"An activity named '{activity.Name}' is already registered.");
        }
    }

    public OrchestratorRegistration? FindOrchestrator(string name) => _orchestrators.GetValueOrDefault(name);

    public ActivityRegistration? FindActivity(string name) => _activities.GetValueOrDefault(name);
}
