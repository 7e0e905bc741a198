using System.Diagnostics;
using VideoPipeline.Core.Telemetry;

namespace VideoPipeline.Core.Tests.Telemetry;

/// <summary>How a job's spans find their place in its trace; a listener samples the pipeline's source for the test.</summary>
public sealed class JobTraceTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == PipelineTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public JobTraceTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void Start_CurrentSpanInAnotherTrace_IsAChildOfTheJobsSpanLinkedToTheCurrentOne()
    {
        using var job = new Activity("job").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceParent = JobTrace.TraceParentOf(job)!;
        job.Stop();
        using var engine = new Activity("engine").SetIdFormat(ActivityIdFormat.W3C).Start();

        using var span = JobTrace.Start("SubmitVideoJob", traceParent);

        Assert.NotNull(span);
        Assert.Equal(job.TraceId, span.TraceId);
        Assert.Equal(job.SpanId, span.ParentSpanId);
        Assert.Equal(engine.SpanId, Assert.Single(span.Links).Context.SpanId);
    }

    [Fact]
    public void Start_CurrentSpanAlreadyInTheJobsTrace_IsAChildOfTheCurrentSpan()
    {
        using var job = new Activity("job").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceParent = JobTrace.TraceParentOf(job)!;
        using var request = new Activity("callback request").SetIdFormat(ActivityIdFormat.W3C).Start();

        using var span = JobTrace.Start(JobTrace.CallbackSpan, traceParent);

        Assert.NotNull(span);
        Assert.Equal(request.SpanId, span.ParentSpanId);
        Assert.Empty(span.Links);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    public void Start_NoUsableTraceParent_JoinsTheCurrentTrace(string? traceParent)
    {
        using var current = new Activity("current").SetIdFormat(ActivityIdFormat.W3C).Start();

        using var span = JobTrace.Start("ArchiveVideo", traceParent);

        Assert.NotNull(span);
        Assert.Equal(current.TraceId, span.TraceId);
        Assert.Equal(current.SpanId, span.ParentSpanId);
    }

    [Fact]
    public void TraceIdOf_TraceParent_IsItsTraceIdAndNullWithoutOne()
    {
        Assert.Equal("0af7651916cd43dd8448eb211c80319c",
            JobTrace.TraceIdOf("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        Assert.Null(JobTrace.TraceIdOf(null));
        Assert.Null(JobTrace.TraceIdOf("garbage"));
    }
}
