using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;

namespace VideoPipeline.Engine;

/// <summary>
/// Reads an orchestration's failure details from its history, for services (Azure Storage) whose instance records
/// keep only the text <c>"{ErrorType}: {ErrorMessage}"</c> of a failure.
/// </summary>
internal static class HistoryFailureDetails
{
    /// <param name="historyJson">The history as <c>IOrchestrationServiceClient.GetOrchestrationHistoryAsync</c> returns it: a JSON array of DurableTask.Core history events.</param>
    public static TaskFailureDetails? Read(string historyJson)
    {
        using var history = JsonDocument.Parse(historyJson);
        return history.RootElement.ValueKind != JsonValueKind.Array
            ? null
            : history.RootElement.EnumerateArray()
                .Where(e => e.TryGetProperty(nameof(HistoryEvent.EventType), out var type) && type.TryGetInt32(out var value) && value == (int)EventType.ExecutionCompleted)
                .Select(e => e.TryGetProperty(nameof(ExecutionCompletedEvent.FailureDetails), out var failure) ? ToDetails(failure) : null)
                .LastOrDefault();
    }

    private static TaskFailureDetails? ToDetails(JsonElement failure) => failure.ValueKind != JsonValueKind.Object
        ? null
        : new TaskFailureDetails(
            Text(failure, nameof(FailureDetails.ErrorType)) ?? "(unknown)",
            Text(failure, nameof(FailureDetails.ErrorMessage)) ?? string.Empty,
            Text(failure, nameof(FailureDetails.StackTrace)),
            failure.TryGetProperty(nameof(FailureDetails.InnerFailure), out var inner) ? ToDetails(inner) : null,
            Properties: null);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
