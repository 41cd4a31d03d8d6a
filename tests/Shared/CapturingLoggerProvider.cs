using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.TestSupport;

/// <summary>Keeps every log entry in memory so that tests can assert on what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception), exception));
    }
}
