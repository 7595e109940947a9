using System.Text;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> to the output collector of the cell running on the
/// current logical thread (an <see cref="AsyncLocal{T}"/>, so sessions on other threads and the host's own console
/// output are not mixed in). Installed once per process; writes outside a cell go to the original console.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly AsyncLocal<OutputCollector?> Target = new();
    private static readonly Lock InstallLock = new();
    private static bool _installed;

    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (_installed)
            {
                return;
            }

            Console.SetOut(new RoutingWriter(Console.Out, StreamOutput.StandardOutput));
            Console.SetError(new RoutingWriter(Console.Error, StreamOutput.StandardError));
            _installed = true;
        }
    }

    public static void Enter(OutputCollector? collector) => Target.Value = collector;

    private sealed class RoutingWriter(TextWriter original, string streamName) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value) => Route(value.ToString());

        public override void Write(string? value) => Route(value ?? "");

        public override void Write(char[] buffer, int index, int count) => Route(new string(buffer, index, count));

        public override void WriteLine() => Route(NewLine);

        public override void WriteLine(string? value) => Route((value ?? "") + NewLine);

        public override void Flush() => original.Flush();

        private void Route(string text)
        {
            var collector = Target.Value;
            if (collector is null || !collector.AddStream(streamName, text))
            {
                original.Write(text);
            }
        }
    }
}
