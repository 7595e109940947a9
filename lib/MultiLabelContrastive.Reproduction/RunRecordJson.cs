using System.Globalization;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// A <see cref="RunRecord"/> as a JSON object and back, every number kept exactly (the form a sweep's metrics file and
/// results store hold): <c>{"Dataset","Encoder","Loss","Seed","Seconds","IsSurrogate","PaperEncoder","Report":{…every metric by
/// name…,"PrecisionAtK":{"8":…},"Thresholds":{"Rule",…}}}</c>. NaN and ±∞ are written as the strings "NaN",
/// "Infinity", "-Infinity".
/// </summary>
public static class RunRecordJson
{
    /// <summary>The JSON object of a run.</summary>
    public static JsonObject ToJson(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var r = run.Report;
        return new JsonObject
        {
            ["Dataset"] = run.Dataset,
            ["Encoder"] = run.Encoder,
            ["Loss"] = run.Loss,
            ["Seed"] = run.Seed,
            ["Seconds"] = Number(run.Seconds),
            ["IsSurrogate"] = run.IsSurrogate,
            ["PaperEncoder"] = run.PaperEncoder,
            ["Report"] = new JsonObject
            {
                ["Samples"] = r.Samples,
                ["Labels"] = r.Labels,
                ["MicroF1"] = Number(r.MicroF1),
                ["MacroF1Mean"] = Number(r.MacroF1Mean),
                ["MacroF1MeanLabelsPresentOnly"] = Number(r.MacroF1MeanLabelsPresentOnly),
                ["MacroF1Caml"] = Number(r.MacroF1Caml),
                ["MicroPrecision"] = Number(r.MicroPrecision),
                ["MicroRecall"] = Number(r.MicroRecall),
                ["MacroPrecision"] = Number(r.MacroPrecision),
                ["MacroRecall"] = Number(r.MacroRecall),
                ["MicroAuc"] = Number(r.MicroAuc),
                ["MacroAuc"] = Number(r.MacroAuc),
                ["MacroAucLabelsUsed"] = r.MacroAucLabelsUsed,
                ["MeanAveragePrecision"] = Number(r.MeanAveragePrecision),
                ["MapLabelsUsed"] = r.MapLabelsUsed,
                ["LabelsPresent"] = r.LabelsPresent,
                ["PrecisionAtK"] = new JsonObject(r.PrecisionAtK.Select(p => KeyValuePair.Create(p.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)Number(p.Value)))),
                ["Thresholds"] = new JsonObject
                {
                    ["Rule"] = r.Thresholds.Rule.ToString(),
                    ["ForMicroF1"] = Number(r.Thresholds.ForMicroF1),
                    ["ForMacroF1Mean"] = Number(r.Thresholds.ForMacroF1Mean),
                    ["ForMacroF1MeanLabelsPresentOnly"] = Number(r.Thresholds.ForMacroF1MeanLabelsPresentOnly),
                    ["ForMacroF1Caml"] = Number(r.Thresholds.ForMacroF1Caml),
                },
            },
        };
    }

    /// <summary>A run read back from its JSON object.</summary>
    /// <param name="json">The object.</param>
    /// <param name="where">Names the object in error messages (file and position).</param>
    /// <exception cref="InvalidDataException">A field is missing or of the wrong kind; the message names it and <paramref name="where"/>.</exception>
    public static RunRecord FromJson(JsonObject json, string where)
    {
        ArgumentNullException.ThrowIfNull(json);
        var report = json["Report"] as JsonObject ?? throw Bad(where, "Report", "an object");
        var thresholds = report["Thresholds"] as JsonObject ?? throw Bad(where, "Report.Thresholds", "an object");
        var atK = report["PrecisionAtK"] as JsonObject ?? throw Bad(where, "Report.PrecisionAtK", "an object");
        var ruleText = Text(thresholds, "Rule", where);
        if (!Enum.TryParse<ThresholdRule>(ruleText, out var rule)) throw Bad(where, "Report.Thresholds.Rule", $"one of {string.Join(", ", Enum.GetNames<ThresholdRule>())}");
        var precision = new SortedDictionary<int, double>();
        foreach (var (k, _) in atK)
            precision[int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) ? key : throw Bad(where, $"Report.PrecisionAtK.{k}", "an integer k")] = Real(atK, k, where);
        var metrics = new MetricReport
        {
            Samples = Integer(report, "Samples", where),
            Labels = Integer(report, "Labels", where),
            MicroF1 = Real(report, "MicroF1", where),
            MacroF1Mean = Real(report, "MacroF1Mean", where),
            MacroF1MeanLabelsPresentOnly = Real(report, "MacroF1MeanLabelsPresentOnly", where),
            MacroF1Caml = Real(report, "MacroF1Caml", where),
            MicroPrecision = Real(report, "MicroPrecision", where),
            MicroRecall = Real(report, "MicroRecall", where),
            MacroPrecision = Real(report, "MacroPrecision", where),
            MacroRecall = Real(report, "MacroRecall", where),
            MicroAuc = Real(report, "MicroAuc", where),
            MacroAuc = Real(report, "MacroAuc", where),
            MacroAucLabelsUsed = Integer(report, "MacroAucLabelsUsed", where),
            MeanAveragePrecision = Real(report, "MeanAveragePrecision", where),
            MapLabelsUsed = Integer(report, "MapLabelsUsed", where),
            LabelsPresent = Integer(report, "LabelsPresent", where),
            PrecisionAtK = precision,
            Thresholds = MetricThresholds.Restore(rule, Real(thresholds, "ForMicroF1", where), Real(thresholds, "ForMacroF1Mean", where),
                Real(thresholds, "ForMacroF1MeanLabelsPresentOnly", where), Real(thresholds, "ForMacroF1Caml", where)),
        };
        var surrogate = json["IsSurrogate"] is JsonValue s && s.TryGetValue<bool>(out var b) ? b : throw Bad(where, "IsSurrogate", "true or false");
        // PaperEncoder came later than the other fields: a record without it ran our stand-in.
        var paperEncoder = json["PaperEncoder"] switch
        {
            null => false,
            JsonValue p when p.TryGetValue<bool>(out var q) => q,
            _ => throw Bad(where, "PaperEncoder", "true or false"),
        };
        return new RunRecord(Text(json, "Dataset", where), Text(json, "Encoder", where), Text(json, "Loss", where), Integer(json, "Seed", where),
            metrics, Real(json, "Seconds", where), surrogate, paperEncoder);
    }

    private static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    private static double Real(JsonObject o, string name, string where) => o[name] switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && s is "NaN" or "Infinity" or "-Infinity" => s == "NaN" ? double.NaN : s == "Infinity" ? double.PositiveInfinity : double.NegativeInfinity,
        _ => throw Bad(where, name, "a number"),
    };

    private static int Integer(JsonObject o, string name, string where) =>
        o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : throw Bad(where, name, "an integer");

    private static string Text(JsonObject o, string name, string where) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad(where, name, "a string");

    private static InvalidDataException Bad(string where, string field, string expected) => new($"{where}: '{field}' is missing or not {expected}.");
}
