namespace VideoPipeline.Local.Runtime;

/// <summary>Instance ids become parts of blob names, so they are held to what Durable Task allows.</summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > MaxLength
            || instanceId.EndsWith('.')
            || instanceId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            throw new ArgumentException(
                $"'{instanceId}' is not a valid instance id: use at most {MaxLength} characters, no '/', '\\', '#', '?' " +
                "or control characters, and do not end it with '.'.",
                nameof(instanceId));
        }
    }
}
