using MultiLabelContrastive.Notebooks.Formatting;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// Members every cell can use without qualification: <c>display(x)</c>, the notebook's folder and the stop token.
/// </summary>
/// <remarks>The lower-case <c>display</c> matches Jupyter's and .NET Interactive's name, so cells run unchanged in both.</remarks>
public sealed class ScriptGlobals
{
    private readonly MimeFormatter _formatter;

    internal ScriptGlobals(MimeFormatter formatter, string notebookDirectory)
    {
        _formatter = formatter;
        NotebookDirectory = notebookDirectory;
    }

    /// <summary>The notebook's folder (for data files next to it).</summary>
    public string NotebookDirectory { get; }

    /// <summary>Stop token of the running cell; pass it to long-running library calls.</summary>
    public CancellationToken CellCancellation => CellInterrupt.Token;

    internal OutputCollector? Collector { get; set; }

#pragma warning disable IDE1006 // lower-case name on purpose: the notebook convention
    /// <summary>Shows <paramref name="value"/> as a <c>display_data</c> output of the running cell (chart, table, image, text).</summary>
    /// <param name="value">Any value; see <see cref="MimeFormatter"/> for how each type is shown.</param>
    public void display(object? value)
    {
        var bundle = _formatter.Format(value);
        var collector = Collector;
        if (collector is null || !collector.AddDisplay(bundle))
        {
            Console.WriteLine(bundle.GetText(MimeTypes.PlainText));
        }
    }
#pragma warning restore IDE1006
}
