namespace VideoPipeline.Cli;

/// <summary>A command line that parsed but cannot be used (e.g. a batch file that is not JSON lines): exit code 2.</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
