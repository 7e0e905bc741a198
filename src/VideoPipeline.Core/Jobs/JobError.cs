namespace VideoPipeline.Core.Jobs;

/// <summary>A precise, stable error code (see <see cref="ErrorCodes"/>) and a human-readable message.</summary>
public sealed record JobError(string Code, string Message);
