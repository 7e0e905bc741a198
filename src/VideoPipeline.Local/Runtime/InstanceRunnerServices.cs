using Microsoft.Extensions.Logging;

namespace VideoPipeline.Local.Runtime;

/// <summary>What every instance runner of a runtime shares.</summary>
internal sealed record InstanceRunnerServices(
    RuntimeStorage Storage,
    JournalStore Journals,
    InboxStore Inbox,
    InstanceIndex Index,
    LocalRuntimeRegistry Registry,
    ActivityExecutor Activities,
    LocalRuntimeOptions Options,
    TimeProvider Time,
    ILogger Logger);
