using System.Globalization;
using System.Net.Http.Headers;

namespace VideoPipeline.Core.Providers.OpenAi;

/// <summary>Builds the <c>multipart/form-data</c> body of <c>POST /videos</c>: model, prompt, size, seconds, input_reference.</summary>
internal static class OpenAiRequestWriter
{
    public static MultipartFormDataContent Build(ProviderSubmission submission, InputImage? image)
    {
        var (request, model, _) = submission;
        var form = new MultipartFormDataContent();
        AddField(form, "model", model.Model);
        AddField(form, "prompt", request.Prompt);
        if (request.Size is { } size)
        {
            AddField(form, "size", size);
        }

        // seconds is a string enum on the wire ("4", "8", "12").
        if ((request.DurationSeconds ?? model.DefaultDuration) is { } seconds)
        {
            AddField(form, "seconds", seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (image is not null)
        {
            var file = new ByteArrayContent(image.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(image.ContentType);
            form.Add(file, "input_reference", image.FileName);
        }

        return form;
    }

    private static void AddField(MultipartFormDataContent form, string name, string value)
    {
        // Plain form fields, like curl --form and the official SDKs send them (no per-part Content-Type).
        var content = new StringContent(value);
        content.Headers.ContentType = null;
        form.Add(content, name);
    }
}
