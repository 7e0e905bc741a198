namespace VideoPipeline.Core.Jobs;

/// <summary>What a model accepts as input besides the prompt.</summary>
[Flags]
public enum InputKinds
{
    Text = 1,
    FirstFrameImage = 2,
    SourceVideo = 4,
}
