using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using VideoPipeline.Core;

namespace VideoPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// A mocked <see cref="DurableTaskClient"/> as the isolated unit-testing guide shows, with an in-memory set of instance
/// ids: scheduling adds the id, <c>GetInstanceAsync</c> finds it.
/// </summary>
public sealed class DurableClientMock
{
    private readonly Dictionary<string, OrchestrationMetadata> _instances = new(StringComparer.Ordinal);

    public DurableClientMock()
    {
        Mock.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => _instances.GetValueOrDefault(id));
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
                Scheduled.Add((name.Name, input, id));
                Add(new OrchestrationMetadata(name.Name, id)
                {
                    RuntimeStatus = OrchestrationRuntimeStatus.Pending,
                    SerializedInput = JsonSerializer.Serialize(input, PipelineJson.Options),
                });
                return id;
            });
        Mock.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
    }

    public Mock<DurableTaskClient> Mock { get; } = new("test-client");

    public DurableTaskClient Object => Mock.Object;

    public List<(string Name, object? Input, string InstanceId)> Scheduled { get; } = [];

    public void Add(OrchestrationMetadata metadata) => _instances[metadata.InstanceId] = metadata;
}
