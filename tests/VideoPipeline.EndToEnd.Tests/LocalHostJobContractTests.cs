using VideoPipeline.Testing.Contract;

namespace VideoPipeline.EndToEnd.Tests;

/// <summary>The job API's contract on the local host, a child process like <c>./run.sh</c> runs it.</summary>
public class LocalHostJobContractTests(PipelineStack stack) : JobContractTests, IClassFixture<PipelineStack>
{
    protected override PipelineUnderTest Pipeline => stack;
}
