namespace VideoPipeline.Local.Runtime;

/// <summary>An activity call, timer or event wait the orchestrator made, at its position in program order.</summary>
internal sealed class OrchestrationAction(JournalEntry scheduled, Action<JournalEntry> complete)
{
    public JournalEntry Scheduled { get; } = scheduled;

    public int Sequence => Scheduled.Sequence!.Value;

    /// <summary>Completed or cancelled: the runtime no longer runs, arms or delivers anything for it.</summary>
    public bool IsDone { get; private set; }

    public CancellationTokenRegistration Cancellation { get; set; }

    public void Complete(JournalEntry completion)
    {
        if (MarkDone())
        {
            complete(completion);
        }
    }

    /// <returns>False when it was already done.</returns>
    public bool MarkDone()
    {
        if (IsDone)
        {
            return false;
        }

        IsDone = true;
        Cancellation.Dispose();
        return true;
    }
}
