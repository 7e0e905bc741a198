namespace VideoPipeline.EndToEnd.Tests.Batches;

/// <summary>
/// <see cref="ApixoLimitsStack"/> with a 30 s slot hold and a re-check to match, so that a hold nobody renews lapses
/// within a test. Live jobs renew theirs every 15 s: their waits end at each renewal, whatever the safety net.
/// </summary>
public class ShortSlotLeaseStack : ApixoLimitsStack
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["Admission:SlotLeaseDuration"] = "00:00:30";
        settings["Admission:SlotRecheckInterval"] = "00:00:10";
    }
}
