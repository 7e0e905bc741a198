using DurableTask.Core;
using Microsoft.DurableTask.Client;

namespace VideoPipeline.Engine.Tests;

public sealed class CoreConversionsTests
{
    [Fact]
    public void ToRuntimeStatus_EveryCoreStatus_IsTheSdkStatusOfTheSameNameAndBack()
    {
        Assert.Equal(Enum.GetNames<OrchestrationStatus>().Order(), Enum.GetNames<OrchestrationRuntimeStatus>().Order());
        Assert.All(Enum.GetValues<OrchestrationStatus>(), status =>
        {
            Assert.Equal(status.ToString(), status.ToRuntimeStatus().ToString());
            Assert.Equal(status, status.ToRuntimeStatus().ToCoreStatus());
        });
    }
}
