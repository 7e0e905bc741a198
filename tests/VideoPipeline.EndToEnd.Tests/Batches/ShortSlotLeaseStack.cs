namespace VideoPipeline.EndToEnd.Tests.Batches;

/// <summary>
/// <see cref="ApixoLimitsStack"/> with a one-minute slot hold (twice its 30 s polling interval, so that holds of live
/// jobs never lapse between renewals) and a re-check to match, so that a hold nobody renews lapses within a test.
/// </summary>
public class ShortSlotLeaseStack : ApixoLimitsStack
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["Admission:SlotLeaseDuration"] = "00:01:00";
        settings["Admission:SlotRecheckInterval"] = "00:00:20";
    }
}
