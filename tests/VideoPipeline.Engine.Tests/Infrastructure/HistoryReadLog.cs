using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VideoPipeline.Engine.Tests.Infrastructure;

/// <summary>
/// Counts, per instance, the history reads the Azure Storage provider logs (<c>FetchedInstanceHistory</c>, event 110 of
/// <c>DurableTask.AzureStorage</c>): one per episode that loads the instance's history from the History table.
/// </summary>
public sealed class HistoryReadLog : ILoggerProvider
{
    private const int FetchedInstanceHistory = 110;
    private readonly ConcurrentQueue<string> _reads = new();

    public int ReadsOf(string instanceId) => _reads.Count(message => message.StartsWith($"{instanceId}:", StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) =>
        categoryName == "DurableTask.AzureStorage" ? new Reads(_reads) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Reads(ConcurrentQueue<string> reads) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == FetchedInstanceHistory)
            {
                reads.Enqueue(formatter(state, exception));
            }
        }
    }
}
