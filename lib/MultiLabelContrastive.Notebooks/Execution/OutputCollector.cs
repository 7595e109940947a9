using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>Collects a cell's outputs in order, merging consecutive writes to the same stream, and forwards each new
/// piece to the front end's callback (a kernel publishes it at once). Thread-safe; ignores output once closed.</summary>
internal sealed class OutputCollector(Action<CellOutput>? onOutput)
{
    private readonly List<CellOutput> _outputs = [];
    private readonly Lock _lock = new();
    private bool _closed;

    public bool AddStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name)
            {
                _outputs[^1] = last with { Text = last.Text + text };
            }
            else
            {
                _outputs.Add(new StreamOutput(name, text));
            }
        }

        onOutput?.Invoke(new StreamOutput(name, text));
        return true;
    }

    public bool AddDisplay(MimeBundle bundle) => Add(new DisplayDataOutput(bundle));

    public bool Add(CellOutput output)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _outputs.Add(output);
        }

        onOutput?.Invoke(output);
        return true;
    }

    public IReadOnlyList<CellOutput> Close()
    {
        lock (_lock)
        {
            _closed = true;
            return _outputs.ToList();
        }
    }
}
