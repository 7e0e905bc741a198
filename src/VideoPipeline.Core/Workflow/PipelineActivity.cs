using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Core.Workflow;

/// <summary>An activity of the workflow: the name it runs under and the Core class that implements it.</summary>
public sealed record PipelineActivity(string Name, Type ActivityType, Type InputType, Type OutputType)
{
    private Func<IServiceProvider, ITaskActivity> _create = null!;

    /// <summary>Creates the SDK activity with the implementation resolved from <paramref name="services"/> (the invocation's scope).</summary>
    public ITaskActivity Create(IServiceProvider services) => _create(services);

    internal static PipelineActivity For<TActivity, TInput, TOutput>(string name)
        where TActivity : class, IPipelineActivity<TInput, TOutput> =>
        new(name, typeof(TActivity), typeof(TInput), typeof(TOutput))
        {
            _create = services => new PipelineActivityTask<TInput, TOutput>(services.GetRequiredService<TActivity>()),
        };
}
