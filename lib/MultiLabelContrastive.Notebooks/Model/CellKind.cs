namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>The <c>cell_type</c> of an nbformat 4 cell.</summary>
public enum CellKind
{
    /// <summary><c>markdown</c>: prose, rendered; never executed.</summary>
    Markdown,

    /// <summary><c>code</c>: C# executed by the engine; has outputs and an execution count.</summary>
    Code,

    /// <summary><c>raw</c>: passed through untouched.</summary>
    Raw,

    /// <summary>A cell type from a future minor revision of nbformat; kept verbatim, never executed.</summary>
    Unrecognized,
}
