using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Tests.Fixtures;

namespace MultiLabelContrastive.Notebooks.Tests.Formatting;

public sealed class MimeFormatterTests
{
    private readonly MimeFormatter _formatter = new();

    private sealed record Sample(string Name, double Score);

    [Theory]
    [InlineData(42, "42")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(true, "true")]
    [InlineData("text", "text")]
    [InlineData(null, "null")]
    public void Scalars_are_invariant_plain_text_only(object? value, string expected)
    {
        var bundle = _formatter.Format(value);

        Assert.Equal([MimeTypes.PlainText], bundle.MimeTypes);
        Assert.Equal(expected, bundle.GetText(MimeTypes.PlainText));
    }

    [Fact]
    public void Numbers_ignore_the_current_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("1.5", _formatter.Format(1.5).GetText(MimeTypes.PlainText));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Records_are_plain_text_and_sequences_of_records_are_tables()
    {
        Assert.Equal("Sample { Name = a, Score = 1 }", _formatter.Format(new Sample("a", 1)).GetText(MimeTypes.PlainText));

        var table = _formatter.Format(new List<Sample> { new("a", 1), new("<b>", 0.123456789) });
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], table.MimeTypes);
        Assert.Contains("<td>&lt;b&gt;</td><td>0.123457</td>", table.GetText(MimeTypes.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_and_dictionaries_print_their_items()
    {
        Assert.Equal("[1, 2, 3]", _formatter.Format(new List<int> { 1, 2, 3 }).GetText(MimeTypes.PlainText));
        Assert.Equal("{ a: 1 }", _formatter.Format(new Dictionary<string, int> { ["a"] = 1 }).GetText(MimeTypes.PlainText));
        Assert.EndsWith(", …]", _formatter.Format(Enumerable.Range(0, 500).ToArray()).GetText(MimeTypes.PlainText), StringComparison.Ordinal);
    }

    [Fact]
    public void Png_bytes_and_png_images_are_image_png()
    {
        var bytes = TinyPng.Checkerboard(8, 4);

        var fromBytes = _formatter.Format(bytes);
        var fromImage = _formatter.Format(new PngImage(bytes));

        Assert.Equal([MimeTypes.Png, MimeTypes.PlainText], fromBytes.MimeTypes);
        Assert.Equal(Convert.ToBase64String(bytes), fromImage.GetText(MimeTypes.Png));
        Assert.Equal("PNG image 8×4", fromImage.GetText(MimeTypes.PlainText));
        Assert.DoesNotContain(MimeTypes.Png, _formatter.Format(new byte[] { 1, 2, 3 }).MimeTypes);
    }

    [Fact]
    public void Non_png_bytes_are_refused_by_png_image()
    {
        var error = Assert.Throws<ArgumentException>(() => new PngImage([1, 2, 3]));

        Assert.Equal("bytes", error.ParamName);
    }

    [Fact]
    public void Registered_formatters_win_over_built_in_ones()
    {
        _formatter.Register<Sample>(s => new MimeBundle().SetText(MimeTypes.Html, $"<i>{s.Name}</i>"));

        var bundle = _formatter.Format(new Sample("x", 2));

        Assert.Equal("<i>x</i>", bundle.GetText(MimeTypes.Html));
        Assert.Equal("Sample { Name = x, Score = 2 }", bundle.GetText(MimeTypes.PlainText));
    }

    [Fact]
    public void Json_mime_types_hold_json_and_text_types_hold_text()
    {
        var bundle = new MimeBundle();

        Assert.Throws<ArgumentException>(() => bundle.SetText(MimeTypes.PlotlyJson, "{}"));
        Assert.Throws<ArgumentException>(() => bundle.SetJson(MimeTypes.Html, new System.Text.Json.Nodes.JsonObject()));
        Assert.True(MimeBundle.IsJsonMimeType("application/json"));
        Assert.False(MimeBundle.IsJsonMimeType("application/javascript"));
    }

    [Fact]
    public void Chart_title_and_traces_appear_in_the_text_summary()
    {
        var chart = Plotly.NET.GenericChart.mapLayout(
            Microsoft.FSharp.Core.FuncConvert.FromFunc<Plotly.NET.Layout, Plotly.NET.Layout>(layout =>
            {
                layout.SetProperty("title", new Dictionary<string, object> { ["text"] = "My chart" });
                return layout;
            }),
            Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2 }, new[] { 3.0, 4 }));

        var bundle = _formatter.Format(chart);

        Assert.Equal([MimeTypes.PlotlyJson, MimeTypes.Html, MimeTypes.PlainText], bundle.MimeTypes);
        Assert.Equal("Plotly chart \"My chart\": 1 trace(s) (scatter)", bundle.GetText(MimeTypes.PlainText));
        Assert.Equal("My chart", bundle.GetJson(MimeTypes.PlotlyJson)!["layout"]!["title"]!["text"]!.GetValue<string>());
    }
}

public sealed class MimeFormatterLimitsTests
{
    private sealed record Point(int X);

    private static IEnumerable<Point> Endless()
    {
        for (var i = 0; ; i++)
        {
            yield return new Point(i);
        }
    }

    [Fact]
    public void Long_and_endless_sequences_are_cut_with_a_note()
    {
        var formatter = new MimeFormatter();

        var list = formatter.Format(Enumerable.Range(0, 500).Select(i => new Point(i)).ToList()).GetText(MimeTypes.Html)!;
        var endless = formatter.Format(Endless()).GetText(MimeTypes.Html)!;

        Assert.Contains("500 rows; first 200 shown", list, StringComparison.Ordinal);
        Assert.Contains("more rows; first 200 shown", endless, StringComparison.Ordinal);
        Assert.Contains("<td>199</td>", endless, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>200</td>", endless, StringComparison.Ordinal);
    }
}
