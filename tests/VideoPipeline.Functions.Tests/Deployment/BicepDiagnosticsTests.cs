namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary><c>bicep build</c> and <c>bicep lint</c> of infra/main.bicep (with its modules): no error, no warning.</summary>
[Collection(InfrastructureCollection.Name)]
public class BicepDiagnosticsTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Build_MainBicep_CompilesWithoutDiagnostics()
    {
        var build = await infrastructure.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.SarifDiagnostics());
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        var lint = await infrastructure.LintAsync();

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Empty(lint.SarifDiagnostics());
    }
}
