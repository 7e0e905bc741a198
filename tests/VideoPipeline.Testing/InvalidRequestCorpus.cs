using System.Text.Json;
using Xunit;

namespace VideoPipeline.Testing;

/// <summary>
/// The table of invalid job requests (<c>tests/data/invalid-job-requests.json</c>): each body and the fields that must
/// be reported. The validator's unit tests and the HTTP end-to-end tests read the same table.
/// </summary>
public static class InvalidRequestCorpus
{
    public static TheoryData<string, string[]> Cases
    {
        get
        {
            var data = new TheoryData<string, string[]>();
            using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("tests", "data", "invalid-job-requests.json")));
            foreach (var item in document.RootElement.EnumerateArray())
            {
                data.Add(
                    item.GetProperty("body").GetString()!,
                    item.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToArray());
            }

            return data;
        }
    }
}
