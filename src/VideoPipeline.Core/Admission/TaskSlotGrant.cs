namespace VideoPipeline.Core.Admission;

/// <summary>
/// A slot held until renewed or released, or how long to wait for one: the result of the acquire-slot activity, and
/// the payload of the event that hands a freed slot to a waiting job.
/// </summary>
/// <param name="Slot">The slot number; null when every slot is taken.</param>
/// <param name="RenewAfter">When the holder should renew (half-way through the lease).</param>
/// <param name="RetryAfter">When every slot is taken: when to look again if no slot was handed over meanwhile.</param>
/// <param name="InUse">Slots taken when the store was read, this one included.</param>
public sealed record TaskSlotGrant(int? Slot, DateTime? RenewAfter, TimeSpan? RetryAfter, int InUse)
{
    public bool IsGranted => Slot is not null;

    public static TaskSlotGrant Busy(int inUse, TimeSpan? retryAfter = null) => new(null, null, retryAfter, inUse);
}
