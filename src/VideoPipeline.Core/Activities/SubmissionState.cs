namespace VideoPipeline.Core.Activities;

public enum SubmissionState
{
    /// <summary>The request is being (or was being) sent; the provider may or may not have the task.</summary>
    Sending,

    /// <summary>The provider accepted the task; its id is recorded.</summary>
    Accepted,

    /// <summary>The provider certainly refused (it answered with an error); the workflow may send a new attempt.</summary>
    Rejected,
}
