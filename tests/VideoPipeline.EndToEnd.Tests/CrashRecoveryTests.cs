using Azure.Storage.Blobs.Models;

namespace VideoPipeline.EndToEnd.Tests;

public class CrashRecoveryTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Theory]
    [InlineData("generating")]
    [InlineData("submitting")]
    [InlineData("archiving")]
    public async Task HostKilledMidJob_RestartFinishesWithOneBlobAndOneSubmission(string phase)
    {
        // Archiving a 300 MB result takes long enough to be killed in the middle of it.
        var directives = phase == "archiving" ? "[emu:seconds=1] [emu:bytes=300000000]" : "[emu:seconds=4]";
        var prompts = new[] { "foxapi", "openai", "apixo" }
            .Select(p => (Provider: p, Prompt: Requests.UniquePrompt(directives)))
            .ToList();
        var ids = new List<string>();
        foreach (var (provider, prompt) in prompts)
        {
            ids.Add(await stack.StartJobAsync(Requests.For(provider, prompt, "poll")));
        }

        if (phase == "generating")
        {
            foreach (var id in ids)
            {
                await stack.WaitForStatusAsync(id, phase);
            }
        }
        else if (phase == "archiving")
        {
            await stack.WaitForStatusAsync(ids[0], phase, TimeSpan.FromMinutes(2));
        }

        await stack.KillAndRestartHostAsync();

        for (var i = 0; i < ids.Count; i++)
        {
            var job = await stack.WaitForEndAsync(ids[i], TimeSpan.FromMinutes(3));
            var stats = await stack.PromptStatsAsync(prompts[i].Prompt);
            var submissions = PipelineStack.Count(stats, "submissions");
            if (job["status"]!.GetValue<string>() == "failed" && phase == "submitting")
            {
                // Killed after recording "sending" and before recording the answer: whether or not the request got
                // out, the money-safe outcome is to fail rather than risk a second paid submission.
                Assert.Equal("submission_outcome_unknown", job["error"]!["code"]!.GetValue<string>());
                Assert.InRange(submissions, 0, 1);
                continue;
            }

            Assert.True(job["status"]!.GetValue<string>() == "succeeded", $"{job}\n{stack.Host.Output}");
            Assert.Equal(1, submissions);
            var blobs = new List<string>();
            await foreach (var blob in stack.Blobs.GetBlobContainerClient("videos").GetBlobsAsync(BlobTraits.None, BlobStates.None, ids[i], CancellationToken.None))
            {
                blobs.Add(blob.Name);
            }

            Assert.Equal([$"{ids[i]}.mp4"], blobs);
        }
    }
}
