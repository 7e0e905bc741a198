namespace VideoPipeline.Core.Admission;

/// <summary>
/// A slot a releasing job handed to the oldest waiting job: the store already names <paramref name="JobId"/> as its
/// holder, and the releasing workflow tells that job with the <c>TaskSlotGranted</c> event carrying <paramref name="Grant"/>.
/// </summary>
public sealed record TaskSlotHandover(string JobId, TaskSlotGrant Grant);
