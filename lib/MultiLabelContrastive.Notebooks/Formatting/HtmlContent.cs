namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>A piece of HTML to show as is: <c>display(new HtmlContent("&lt;b&gt;bold&lt;/b&gt;"))</c> gives a <c>text/html</c> output.</summary>
/// <param name="Html">The HTML fragment (trusted: it is written into the report unescaped).</param>
public sealed record HtmlContent(string Html)
{
    /// <inheritdoc />
    public override string ToString() => Html;
}
