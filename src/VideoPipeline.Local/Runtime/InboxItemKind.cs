namespace VideoPipeline.Local.Runtime;

internal enum InboxItemKind
{
    /// <summary>An external event for the orchestrator.</summary>
    Event,

    /// <summary>Tells the owner its journal was changed by someone else (a terminate), so it reloads now.</summary>
    Wake,
}
