namespace VideoPipeline.Emulator.Stats;

/// <summary>The counters <c>GET /emulator/stats</c> reports; JSON names are the camel-cased member names.</summary>
internal enum StatKind
{
    /// <summary>Authenticated submission attempts, including ones answered with an error.</summary>
    Submissions,

    TasksCreated,
    StatusCalls,

    /// <summary>GET requests for result bytes (files, OpenAI content), including range requests.</summary>
    ContentDownloads,

    /// <summary>Callback and webhook HTTP attempts, retries included.</summary>
    CallbacksSent,

    CallbacksDelivered,

    /// <summary>Attempts that got no acceptable answer (status, timeout or connection error).</summary>
    CallbacksFailed,

    /// <summary>Deliveries given up after the last retry.</summary>
    CallbacksAbandoned,

    /// <summary>429 answers, whether from limits or from <c>[emu:submit=429]</c>.</summary>
    RateLimited,
}
