namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>The MIME types the engine produces.</summary>
public static class MimeTypes
{
    /// <summary>Plain text, every output has it.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML (tables, the light fallback of charts).</summary>
    public const string Html = "text/html";

    /// <summary>PNG image, base64 in the notebook.</summary>
    public const string Png = "image/png";

    /// <summary>A Plotly figure (<c>{data, layout, config}</c>), rendered by Jupyter's and VS Code's Plotly renderers and by the report.</summary>
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    /// <summary>A notebook's <see cref="RunSummary"/> (<c>{mode, data, encoder, detail?}</c>), read by the report's index and page headers.</summary>
    public const string RunSummaryJson = "application/vnd.mlc.run-summary+json";
}
