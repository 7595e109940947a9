using System.Text.Json;
using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Pretrained.Tests.Support;

/// <summary>The pretrained-checkpoint golden cases: <c>&lt;golden folder&gt;/pretrained/&lt;case&gt;/</c> (GOLDEN_DIR
/// overrides the golden folder). No case found is a failure, never a skip.</summary>
public static class PretrainedGolden
{
    /// <summary>Case folders whose name starts with the prefix (e.g. "roberta-").</summary>
    /// <exception cref="InvalidOperationException">None found.</exception>
    public static IReadOnlyList<string> Cases(string prefix)
    {
        string folder = Path.Combine(RepositoryRoot.GoldenFolder, "pretrained");
        var cases = Directory.Exists(folder)
            ? Directory.GetDirectories(folder, prefix + "*").Order(StringComparer.Ordinal).ToList()
            : [];
        if (cases.Count == 0)
            throw new InvalidOperationException($"No golden case '{prefix}*' under {folder}: restore tests/golden/pretrained or set GOLDEN_DIR.");
        return cases;
    }

    /// <summary>A B × T integer matrix of case.json.</summary>
    public static long[][] Matrix(string caseFolder, string field)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(caseFolder, "case.json")));
        return document.RootElement.GetProperty(field).EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
    }

    /// <summary>The float32 tolerance of case.json.</summary>
    public static double Tolerance(string caseFolder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(caseFolder, "case.json")));
        return document.RootElement.GetProperty("tolerance").GetProperty("float32").GetDouble();
    }
}
