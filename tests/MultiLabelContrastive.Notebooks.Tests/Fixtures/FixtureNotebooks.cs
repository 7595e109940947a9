using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Tests.Fixtures;

/// <summary>The fixture notebooks of the executor tests, written as .ipynb files into a folder.</summary>
internal static class FixtureNotebooks
{
    public const string Outputs = "01-outputs";
    public const string Failing = "02-failing";
    public const string CompileError = "03-compile-error";
    public const string Timeout = "09-timeout";

    public const int OutputsChartCount = 3;

    /// <summary>A markdown cell with every math delimiter the report typesets (and a code span that stays TeX source).</summary>
    public const string MathMarkdown =
        "## The loss of anchor $i$, with $\\tau > 0$\n\n" +
        "Pairs: \\(K_{ij} = a_i * b_j\\) (the stars stay TeX), $\\{1, 2\\}$, and in a table:\n\n" +
        "| relation | condition |\n|---|---|\n| R1 | $S \\cap T = \\emptyset$ |\n| R3 | $|S \\cap T| > 0$ |\n\n" +
        "$$\n\\ell_i = -\\frac{1}{|P(i)|} \\sum_{p \\in P(i)} \\log \\frac{\\exp(z_i \\cdot z_p / \\tau)}{\\sum_{a \\neq i} \\exp(z_i \\cdot z_a / \\tau)}\n$$\n\n" +
        "\\[ K(S, T) = \\frac{|S \\cap T|}{|S|} \\cdot \\frac{1}{1 + |T \\setminus S|} \\]\n\n" +
        "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n\n" +
        "Source in code stays source: `$x$`.";

    /// <summary>Formulas in <see cref="MathMarkdown"/> plus the one in the first markdown cell.</summary>
    public const int OutputsFormulaCount = 10;

    /// <summary>Writes 01-outputs, 02-failing and 03-compile-error (and pixel.png) into <paramref name="folder"/>.</summary>
    public static void WriteBatch(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "pixel.png"), TinyPng.Checkerboard(24, 16));
        Build(
            Markdown("# Outputs of every kind\n\nState is *shared* across cells; a table:\n\n| kind | MIME |\n|---|---|\n| chart | application/vnd.plotly.v1+json |\n\nInline math $K = \\frac{|S \\cap T|}{|S|}$."),
            Markdown(MathMarkdown),
            Code("#!csharp\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"nuget: Deedle, 8.1.0\"\nusing Plotly.NET;\nusing Deedle;\nusing CSharpChart = Plotly.NET.CSharp.Chart;"),
            Code("var Quick = false;\nint Epochs = 10;\ndouble Rate = 0.5;\nstring Label = \"default\";", "parameters"),
            Code("var epochs = Quick ? 2 : Epochs;\nConsole.WriteLine($\"epochs={epochs} rate={Rate} label={Label}\");"),
            Code("display(new RunSummary(Quick ? \"quick\" : \"default\", \"Surrogate\", \"stand-in\", \"fixture data\"));\n" +
                 "display(new RunSummary(\"full\", \"real\", \"paper's\")); // a later summary does not replace the first"),
            Markdown("## Records, charts, tables"),
            Code("record Row(string Name, double Value);\nvar rows = new List<Row> { new(\"alpha\", 1.5), new(\"beta\", 2.25), new(\"gamma\", 0.125) };\nrows"),
            Code("var line = CSharpChart.Line<double, double, string>(new[] { 1.0, 2, 3, 4 }, new[] { 1.0, 4, 9, 16 }, Name: \"squares\");\ndisplay(line);\nvar bars = CSharpChart.Column<double, string, string>(rows.Select(r => r.Value).ToArray(), Keys: rows.Select(r => r.Name).ToArray(), Name: \"values\");\ndisplay(bars);\nCSharpChart.Point<double, double, string>(new[] { 0.5, 1.5 }, new[] { 2.0, 1.0 }, Name: \"points\")"),
            Code("var frame = Deedle.Frame.FromRecords(rows);\ndisplay(frame);\nframe.GetColumn<double>(\"Value\")"),
            Code("display(PngImage.FromFile(\"pixel.png\"));\nFile.ReadAllBytes(\"pixel.png\")"),
            Code("display(new HtmlContent(\"<b class='custom-html'>bold</b>\"));\ndisplay(new double[,] { { 1, 0.5 }, { 0.25, 1 } });\nConsole.Error.WriteLine(\"a warning on stderr\");\n3.5"),
            Code("\"done\"")).Save(Path.Combine(folder, Outputs + ".ipynb"));

        Build(
            Markdown("# A failing notebook"),
            Code("var before = 1;"),
            Code("void Fail() => throw new InvalidOperationException(\"deliberate failure\");\nFail();"),
            Code("Console.WriteLine(\"never runs\");")).Save(Path.Combine(folder, Failing + ".ipynb"));

        Build(
            Code("var y = 1;"),
            Code("var z = y +\n    undefinedName;")).Save(Path.Combine(folder, CompileError + ".ipynb"));
    }

    public static string WriteTimeout(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Timeout + ".ipynb");
        Build(Code("var spins = 0L;\nwhile (true) { spins++; }"), Code("Console.WriteLine(\"never\");")).Save(path);
        return path;
    }

    public static Notebook Build(params NotebookCell[] cells)
    {
        var notebook = new Notebook();
        notebook.Cells.AddRange(cells);
        notebook.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "mlc-csharp", ["display_name"] = "C#", ["language"] = "C#" };
        return notebook;
    }

    public static NotebookCell Markdown(string text) => new(CellKind.Markdown, text);

    public static NotebookCell Code(string text, string? tag = null)
    {
        var cell = new NotebookCell(CellKind.Code, text);
        if (tag is not null)
        {
            cell.AddTag(tag);
        }

        return cell;
    }
}
