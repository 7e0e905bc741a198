using System.Text;

namespace VideoPipeline.Testing;

/// <summary>
/// The console output of a child process, for failure messages and log assertions. Only the tail is kept: a benchmark
/// host or Azurite serving millions of requests would otherwise hold gigabytes of log, and only its end explains a
/// failure.
/// </summary>
internal sealed class ProcessOutput
{
    /// <summary>Far more than any test's process writes, so tests see all of it.</summary>
    public const int MaxChars = 4_000_000;

    private readonly StringBuilder _text = new();

    public void Append(string? line)
    {
        lock (_text)
        {
            if (_text.Length > MaxChars)
            {
                _text.Remove(0, MaxChars / 2);
            }

            _text.AppendLine(line);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
