using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// The <c>using</c> directives of the scripts a cell loads with <c>#load</c>. Roslyn keeps a loaded script's usings to
/// that file; the session runs them as a submission of their own after the cell's directives, so that a shared setup
/// script (<c>notebooks/setup.csx</c>) brings its namespaces to every later cell, as its references already come.
/// </summary>
internal static class LoadedUsings
{
    /// <summary>The using directives (one per line, first occurrence kept) of the files named by the
    /// <c>#load</c> lines of <paramref name="directives"/>, or null when there are none.</summary>
    /// <param name="directives">A cell's directive lines (<see cref="CellSource.Directives"/>).</param>
    /// <param name="baseDirectory">The folder relative <c>#load</c> paths start from (the notebook's folder).</param>
    public static string? Of(string directives, string baseDirectory)
    {
        var cell = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(directives, CellSource.ParseOptions).GetRoot();
        var usings = new List<string>();
        foreach (var load in cell.GetLoadDirectives())
        {
            var path = Path.GetFullPath(load.File.ValueText, baseDirectory);
            if (!File.Exists(path))
            {
                continue; // Roslyn has already failed the directive submission with the missing file's name
            }

            var script = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(File.ReadAllText(path), CellSource.ParseOptions).GetRoot();
            usings.AddRange(script.Usings.Select(u => u.ToString()));
        }

        return usings.Count == 0 ? null : string.Join('\n', usings.Distinct(StringComparer.Ordinal));
    }
}
