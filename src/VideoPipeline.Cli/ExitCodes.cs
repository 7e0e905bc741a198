namespace VideoPipeline.Cli;

/// <summary>What the tool's exit code means, so scripts can branch on it.</summary>
internal static class ExitCodes
{
    public const int Succeeded = 0;

    /// <summary>A job (or an item of a batch) ended failed or cancelled.</summary>
    public const int JobFailed = 1;

    /// <summary>The command line is wrong: unknown option, missing value, unreadable file.</summary>
    public const int UsageError = 2;

    /// <summary>The service refused the request (4xx): invalid request or batch item, unknown job, conflict, missing key.</summary>
    public const int RequestRejected = 3;

    /// <summary>The service could not be reached, or answered 5xx, after the client's retries.</summary>
    public const int ServiceUnavailable = 4;

    /// <summary>The downloaded video's length or SHA-256 differ from the job's: no file was written.</summary>
    public const int DownloadNotVerified = 5;

    /// <summary>Stopped with Ctrl+C (the job goes on; watch it with <c>status --wait</c>).</summary>
    public const int Interrupted = 130;

    public const string Help = """
        Exit codes:
          0    succeeded (with --wait: the job succeeded and its video was downloaded and verified)
          1    a job, or an item of a batch, ended failed or cancelled
          2    usage error (unknown option, missing value, unreadable file)
          3    the service refused the request (4xx): invalid request or batch item, unknown job, conflict, missing key
          4    the service could not be reached, or answered 5xx, after retries
          5    the downloaded video did not match the job's length or SHA-256 (no file is left)
          130  interrupted with Ctrl+C (the job goes on)
        """;
}
