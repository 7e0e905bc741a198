using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoPipeline.Client.Models;
using VideoPipeline.Client.Tests.Infrastructure;
using VideoPipeline.Testing;

namespace VideoPipeline.Client.Tests.Cli;

/// <summary>The tool as a process against the local host: exit codes, JSON output, plain-line progress, the file.</summary>
[Collection(StackCollection.Name)]
public sealed class CliCommandTests(ClientStack stack) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("videopipeline-cli-");

    [Fact]
    public async Task Submit_WaitInANonInteractiveTerminal_PrintsPlainProgressAndSavesTheVerifiedVideo()
    {
        var prompt = Jobs.Prompt("[emu:seconds=3] [emu:bytes=300000]");

        var result = await RunAsync("submit", "--provider", "foxapi", "--model", "sora-2", "--prompt", prompt,
            "--aspect-ratio", "16:9", "--duration", "4", "--metadata", "shot=1", "--wait", "--output", "waves.mp4");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stdout);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith('[') && l.Contains(" generating"));
        Assert.Contains(lines, l => l.StartsWith('[') && l.Contains(" succeeded 100% · Archived"));
        Assert.Contains(lines, l => l.Contains("downloaded 300000 bytes, SHA-256 verified"));
        var jobId = lines.Single(l => l.TrimStart().StartsWith("job ")).Trim()[4..].Trim();
        var job = (await stack.CreateClient().GetJobAsync(jobId)).Value;
        await using var file = File.OpenRead(Path.Combine(_directory.FullName, "waves.mp4"));
        Assert.Equal(job.Output!.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file)));
        Assert.Contains(job.Output.Sha256!, result.Stdout);
    }

    [Fact]
    public async Task Submit_Json_PrintsTheAcceptedJob()
    {
        var result = await RunAsync("submit", "--provider", "foxapi", "--model", "sora-2", "--prompt", Jobs.Prompt(),
            "--aspect-ratio", "16:9", "--duration", "4", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var accepted = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("queued", accepted["status"]!.GetValue<string>());
        Assert.Equal($"/api/videos/{accepted["id"]}", accepted["statusUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_WaitJsonForAFailingJob_Exits1WithTheJobAsJson()
    {
        var result = await RunAsync("submit", "--provider", "foxapi", "--model", "sora-2",
            "--prompt", Jobs.Prompt("[emu:fail=content_policy_violation]"), "--aspect-ratio", "16:9", "--wait", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var job = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("failed", job["status"]!.GetValue<string>());
        Assert.Equal("content_violation", job["error"]!["code"]!.GetValue<string>());
        Assert.Contains(" failed", result.Stderr);
    }

    [Fact]
    public async Task Submit_InvalidRequest_Exits3AndNamesEveryField()
    {
        var result = await RunAsync("submit", "--provider", "openai", "--model", "sora-2", "--prompt", "",
            "--duration", "5", "--size", "1280x720");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("HTTP 400: The job request is invalid.", result.Stderr);
        Assert.Contains("  prompt: Must not be empty.", result.Stderr);
        Assert.Contains("  durationSeconds: ", result.Stderr);
    }

    [Fact]
    public async Task Submit_MissingRequiredOption_Exits2()
    {
        var result = await RunAsync("submit", "--provider", "foxapi", "--model", "sora-2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Option '--prompt' is required.", result.Stderr);
    }

    [Fact]
    public async Task Status_WithoutKey_Exits3()
    {
        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["VIDEOPIPELINE_ENDPOINT"] = stack.Host.BaseUrl.AbsoluteUri },
            _directory.FullName, "status", "job-anything");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("HTTP 401", result.Stderr);
    }

    [Fact]
    public async Task Status_UnknownJob_Exits3()
    {
        var result = await RunAsync("status", "job-unknown", "--json");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(404, JsonNode.Parse(result.Stdout)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_NothingListening_Exits4()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), _directory.FullName,
            "status", "job-anything", "--endpoint", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("the service did not answer", result.Stderr);
    }

    [Fact]
    public async Task Cancel_RunningJob_Exits0AndTheJobEndsCancelled()
    {
        var client = stack.CreateClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:seconds=60]"));

        var cancel = await RunAsync("cancel", operation.Id);
        var status = await RunAsync("status", operation.Id, "--wait", "--json");

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Contains($"Cancellation requested for job {operation.Id}", cancel.Stdout);
        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.Equal("cancelled", JsonNode.Parse(status.Stdout)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Download_SucceededJob_SavesTheVerifiedVideo()
    {
        var operation = await stack.CreateClient().StartJobAsync(Jobs.Foxapi());
        var job = (await operation.WaitForCompletionAsync()).Value;

        var result = await RunAsync("download", job.Id, "-o", "saved.mp4", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(job.Output!.Sha256, JsonNode.Parse(result.Stdout)!["sha256"]!.GetValue<string>());
        Assert.Equal(job.Output.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_directory.FullName, "saved.mp4")))));
    }

    [Fact]
    public async Task List_Json_ListsTheBatchsJobs()
    {
        var batch = new VideoBatchRequest { BatchId = $"cli-list-{Guid.NewGuid():N}"[..40] };
        batch.Add(Jobs.Foxapi());
        batch.Add(Jobs.Foxapi());
        await stack.CreateClient().StartBatchAsync(batch);

        var result = await RunAsync("list", "--batch-id", batch.BatchId, "--limit", "5", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.Equal(batch.BatchId, item!["batchId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Batch_WaitInANonInteractiveTerminal_PrintsEachItemsProgressAndTheFinalTable()
    {
        var file = Path.Combine(_directory.FullName, "batch.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            $$"""{"prompt":"{{Jobs.Prompt("[emu:seconds=2]")}}"}""",
            $$$"""{"prompt":"{{{Jobs.Prompt("[emu:seconds=1]")}}}","metadata":{"shot":"2"}}""",
        ]);

        var result = await RunAsync("batch", file, "--defaults", """{"provider":"foxapi","model":"sora-2","aspectRatio":"16:9"}""", "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains(result.Stdout.Split('\n'), l => l.StartsWith('[') && l.Contains("#0 ") && l.EndsWith(" succeeded"));
        Assert.Contains(result.Stdout.Split('\n'), l => l.StartsWith('[') && l.Contains("#1 ") && l.EndsWith(" succeeded"));
        Assert.Contains(": finished (2 succeeded)", result.Stdout);
    }

    [Fact]
    public async Task Batch_InvalidItem_Exits3AndListsItsErrors()
    {
        var file = Path.Combine(_directory.FullName, "batch.jsonl");
        await File.WriteAllTextAsync(file, $$"""{"provider":"foxapi","model":"sora-2","prompt":"{{Jobs.Prompt()}}","durationSeconds":5}""");

        var result = await RunAsync("batch", file, "--json");

        Assert.True(result.ExitCode == 3, result.ToString());
        var accepted = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(1, accepted["invalid"]!.GetValue<int>());
        Assert.NotNull(accepted["jobs"]![0]!["errors"]!["durationSeconds"]);
    }

    [Fact]
    public async Task Batch_FileIsNotJsonLines_Exits2()
    {
        var file = Path.Combine(_directory.FullName, "batch.jsonl");
        await File.WriteAllTextAsync(file, "{\"prompt\":\"ok\"}\nnot json\n");

        var result = await RunAsync("batch", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Line 2 is not valid JSON", result.Stderr);
    }

    [Fact]
    public async Task Models_Json_ListsTheCatalogue()
    {
        var result = await RunAsync("models", "--provider", "openai", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
        Assert.Contains(items, m => m!["model"]!.GetValue<string>() == "sora-2");
        Assert.All(items, m => Assert.Equal("openai", m!["provider"]!.GetValue<string>()));
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(stack, _directory.FullName, args);
}
