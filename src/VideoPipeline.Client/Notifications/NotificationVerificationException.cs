namespace VideoPipeline.Client.Notifications;

/// <summary>A notification did not verify: missing headers, a stale timestamp or no matching signature.</summary>
public sealed class NotificationVerificationException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    /// <param name="message">Why the notification was refused.</param>
    public NotificationVerificationException(string message)
        : base(message)
    {
    }
}
