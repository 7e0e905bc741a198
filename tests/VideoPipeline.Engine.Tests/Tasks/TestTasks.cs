using Microsoft.DurableTask;

namespace VideoPipeline.Engine.Tests.Tasks;

/// <summary>The orchestrators and activities the engine tests run, registered the SDK way.</summary>
public static class TestTasks
{
    public const string Echo = nameof(Echo);
    public const string Sleep = nameof(Sleep);
    public const string Approval = nameof(Approval);
    public const string Await = nameof(Await);
    public const string Race = nameof(Race);
    public const string CatchActivityFailure = nameof(CatchActivityFailure);
    public const string FailOnActivityFailure = nameof(FailOnActivityFailure);
    public const string CallMissingActivity = nameof(CallMissingActivity);
    public const string Now = nameof(Now);
    public const string Recoverable = nameof(Recoverable);
    public const string Throw = nameof(Throw);
    public const string MissingActivity = "NoSuchActivity";

    public const string ApprovalEvent = "Approval";
    public const string GoEvent = "Go";
    public const string CallbackEvent = "Callback";

    public sealed record Greeting(string Name, int Count);

    public sealed record EchoResult(Greeting Greeting, IReadOnlyList<string> Scopes);

    public sealed record Rounds(int Max, int IntervalSeconds);

    public sealed record FailureReport(string ErrorType, string ErrorMessage);

    public sealed record Note(string Text);

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<Greeting, EchoResult>(Echo, EchoAsync)
        .AddOrchestratorFunc<int, TimeSpan>(Sleep, SleepAsync)
        .AddOrchestratorFunc<string>(Approval, ApprovalAsync)
        .AddOrchestratorFunc<string>(Await, context => context.WaitForExternalEvent<string>(GoEvent))
        .AddOrchestratorFunc<Rounds, string>(Race, RaceAsync)
        .AddOrchestratorFunc<FailureReport>(CatchActivityFailure, context => CatchFailureAsync(context, Throw))
        .AddOrchestratorFunc<FailureReport>(CallMissingActivity, context => CatchFailureAsync(context, MissingActivity))
        .AddOrchestratorFunc(FailOnActivityFailure, context => context.CallActivityAsync(Throw))
        .AddOrchestratorFunc<DateTime>(Now, context => Task.FromResult(context.CurrentUtcDateTime))
        .AddOrchestratorFunc<string>(Recoverable, RecoverableAsync)
        .AddActivity<ScopedActivity>(ScopedActivity.Name)
        .AddActivity<GateActivity>(GateActivity.Name)
        .AddActivity<HoldActivity>(HoldActivity.Name)
        .AddActivity<CountActivity>(CountActivity.Name)
        .AddActivityFunc<string>(Throw, Boom);

    private static async Task<EchoResult> EchoAsync(TaskOrchestrationContext context, Greeting greeting)
    {
        var first = await context.CallActivityAsync<string>(ScopedActivity.Name, greeting.Name);
        var second = await context.CallActivityAsync<string>(ScopedActivity.Name, greeting.Name);
        return new EchoResult(greeting, [first, second]);
    }

    private static async Task<TimeSpan> SleepAsync(TaskOrchestrationContext context, int seconds)
    {
        var start = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
        return context.CurrentUtcDateTime - start;
    }

    private static async Task<string> ApprovalAsync(TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>(GateActivity.Name, context.InstanceId);
        context.SetCustomStatus("waiting");
        return await context.WaitForExternalEvent<string>(ApprovalEvent);
    }

    /// <summary>The pipeline's wait: one event wait for the whole run, raced against a fresh timer each round.</summary>
    private static async Task<string> RaceAsync(TaskOrchestrationContext context, Rounds rounds)
    {
        var callback = context.WaitForExternalEvent<string>(CallbackEvent);
        for (var round = 1; round <= rounds.Max; round++)
        {
            context.SetCustomStatus(round);
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(TimeSpan.FromSeconds(rounds.IntervalSeconds), timerCancellation.Token);
            if (await Task.WhenAny(callback, timer) == callback)
            {
                timerCancellation.Cancel();
                return $"{await callback} in round {round}";
            }
        }

        return $"no callback after {rounds.Max} rounds";
    }

    private static async Task<FailureReport> CatchFailureAsync(TaskOrchestrationContext context, string activity)
    {
        try
        {
            await context.CallActivityAsync(activity);
            return new FailureReport("none", "the activity succeeded");
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage);
        }
    }

    private static async Task<string> RecoverableAsync(TaskOrchestrationContext context)
    {
        var held = await context.CallActivityAsync<string>(HoldActivity.Name);
        await context.CallActivityAsync(CountActivity.Name);
        return held;
    }

    private static string Boom(TaskActivityContext context) => throw new InvalidOperationException("boom");
}
