namespace VideoPipeline.EndToEnd.Tests;

public class CrashRecoveryTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Theory]
    [InlineData("generating")]
    [InlineData("submitting")]
    public async Task HostKilledMidJob_RestartFinishesWithOneBlobAndOneSubmission(string phase)
    {
        var prompts = new[] { "foxapi", "openai", "apixo" }
            .Select(p => (Provider: p, Prompt: Requests.UniquePrompt("[emu:seconds=4]")))
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
                await stack.WaitForStatusAsync(id, "generating");
            }
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
            await foreach (var blob in stack.Blobs.GetBlobContainerClient("videos").GetBlobsAsync(prefix: ids[i]))
            {
                blobs.Add(blob.Name);
            }

            Assert.Equal([$"{ids[i]}.mp4"], blobs);
        }
    }
}
