using System.CommandLine;
using Spectre.Console;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipeline.Cli.Rendering;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Cli.Commands;

/// <summary><c>submit</c>: starts a job; with <c>--wait</c>, watches it and downloads the verified video.</summary>
internal static class SubmitCommand
{
    public static Command Create(GlobalOptions global)
    {
        var provider = new Option<string>("--provider") { Description = "The provider", Required = true };
        provider.AcceptOnlyFromAmong("foxapi", "openai", "apixo");
        var model = new Option<string>("--model") { Description = "The provider's model, e.g. sora-2 (see the models command)", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "What to generate", Required = true };
        var duration = new Option<int?>("--duration") { Description = "Length in seconds (durationSeconds): one the model allows", HelpName = "seconds" };
        var aspectRatio = new Option<string>("--aspect-ratio") { Description = "An aspect ratio the model allows, e.g. 16:9 (not with --size)", HelpName = "ratio" };
        var size = new Option<string>("--size") { Description = "A size the model allows, WIDTHxHEIGHT, e.g. 1280x720", HelpName = "size" };
        var resolution = new Option<string>("--resolution") { Description = "A resolution the model allows, e.g. 720p", HelpName = "resolution" };
        var imageUrl = UriOption.Create("--image-url", "First-frame image (https, public)");
        var sourceVideoUrl = UriOption.Create("--source-video-url", "The video to extend, for Veo extend models (https, public)");
        var generateAudio = new Option<bool?>("--generate-audio") { Description = "Generate audio (models that can): true or false", HelpName = "bool" };
        var waitMode = new Option<string>("--wait-mode") { Description = "How the pipeline waits for the provider (default auto)" };
        waitMode.AcceptOnlyFromAmong("auto", "callback", "poll");
        var container = new Option<string>("--container") { Description = "Blob container for the video (output.container)", HelpName = "name" };
        var blobName = new Option<string>("--blob-name") { Description = "Blob name for the video (output.blobName)", HelpName = "name" };
        var notifyUrl = UriOption.Create("--notify-url", "Called with a signed notification when the job ends (https, public)");
        var metadata = new Option<string[]>("--metadata")
        {
            Description = "Metadata stored with the blob, KEY=VALUE; repeat for more",
            HelpName = "key=value",
            AllowMultipleArgumentsPerToken = false,
        };
        var providerOptions = new Option<string[]>("--provider-option")
        {
            Description = "A provider parameter the model allows, NAME=JSON (e.g. delete_video=false); repeat for more",
            HelpName = "name=json",
            AllowMultipleArgumentsPerToken = false,
        };
        var idempotencyKey = new Option<string>("--idempotency-key")
        {
            Description = "Names the job: the same key always gives the same job (default: a new key per submit)",
            HelpName = "key",
        };
        var wait = new Option<bool>("--wait") { Description = "Show the job's progress until it ends, then download the video" };
        var output = new Option<string>("--output", "-o") { Description = "Where --wait saves the video (default ./<job-id>.mp4)", HelpName = "file" };
        var noDownload = new Option<bool>("--no-download") { Description = "With --wait: do not download the video" };
        foreach (var option in new[] { metadata, providerOptions })
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=') <= 0))
                {
                    result.AddError($"'{token.Value}' is not NAME=VALUE.");
                }
            });
        }

        var command = new Command("submit", "Start a video job (POST /api/videos); with --wait, watch it and download the verified MP4")
        {
            provider, model, prompt, duration, aspectRatio, size, resolution, imageUrl, sourceVideoUrl, generateAudio,
            waitMode, container, blobName, notifyUrl, metadata, providerOptions, idempotencyKey, wait, output, noDownload,
        };
        CommandAction.Set(command, global, async (context, parse, cancellationToken) =>
        {
            var request = new VideoJobRequest(parse.GetValue(provider)!, parse.GetValue(model)!, parse.GetValue(prompt)!)
            {
                DurationSeconds = parse.GetValue(duration),
                AspectRatio = parse.GetValue(aspectRatio),
                Size = parse.GetValue(size),
                Resolution = parse.GetValue(resolution),
                ImageUrl = parse.GetValue(imageUrl),
                SourceVideoUrl = parse.GetValue(sourceVideoUrl),
                GenerateAudio = parse.GetValue(generateAudio),
                WaitMode = parse.GetValue(waitMode),
                NotifyUrl = parse.GetValue(notifyUrl),
                Metadata = Pairs(parse.GetValue(metadata))?.ToDictionary(p => p.Name, p => p.Value),
                ProviderOptions = ProviderOptions(parse.GetValue(providerOptions)),
            };
            if (parse.GetValue(container) is not null || parse.GetValue(blobName) is not null)
            {
                request.Output = new VideoJobOutputRequest { Container = parse.GetValue(container), BlobName = parse.GetValue(blobName) };
            }

            var operation = await context.Client.StartJobAsync(request, parse.GetValue(idempotencyKey), cancellationToken);
            if (!parse.GetValue(wait))
            {
                if (context.Json)
                {
                    Console.Out.WriteLine(operation.GetRawResponse().Content.ToString());
                }
                else
                {
                    context.Out.WriteLine($"Started job {operation.Id}. Watch it: videopipeline status {operation.Id} --wait");
                }

                return ExitCodes.Succeeded;
            }

            var watcher = new JobWatcher(context);
            var job = await watcher.WaitAsync(operation, cancellationToken);
            VideoContentInfo? download = null;
            var path = parse.GetValue(output) ?? $"{job.Id}.mp4";
            if (job.Status == VideoJobStatus.Succeeded && !parse.GetValue(noDownload))
            {
                download = await watcher.DownloadAsync(job, path, cancellationToken);
            }

            if (context.Json)
            {
                context.WriteJson(job);
            }
            else
            {
                JobOutput.WriteDetails(context.Out, job, download, path);
            }

            return job.Status == VideoJobStatus.Succeeded ? ExitCodes.Succeeded : ExitCodes.JobFailed;
        });
        return command;
    }

    private static IEnumerable<(string Name, string Value)>? Pairs(string[]? values) =>
        values is null or [] ? null : values.Select(v => (v[..v.IndexOf('=')], v[(v.IndexOf('=') + 1)..]));

    /// <summary>Each value is JSON when it parses as JSON (<c>false</c>, <c>["a"]</c>), a string otherwise.</summary>
    private static JsonObject? ProviderOptions(string[]? values)
    {
        if (Pairs(values) is not { } pairs)
        {
            return null;
        }

        var options = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            try
            {
                options[name] = JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                options[name] = value;
            }
        }

        return options;
    }
}
