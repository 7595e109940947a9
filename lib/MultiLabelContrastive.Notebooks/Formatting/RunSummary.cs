using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>
/// What a notebook's run stands on, displayed once near its top with <c>display(new RunSummary("default", "real", "stand-in"))</c>:
/// the run size, where the data came from and which encoder was used. The formatter writes it as
/// <see cref="MimeTypes.RunSummaryJson"/> (read back by the report, whose index and page header show it per notebook) plus
/// a small <c>text/html</c> badge and <c>text/plain</c> for Jupyter, VS Code and the console.
/// </summary>
/// <param name="Mode">The run size: <c>quick</c> (CI smoke run), <c>default</c> (the main job) or <c>full</c> (paper-scale epochs).</param>
/// <param name="Data">The data: <c>real</c> (the dataset itself), <c>surrogate</c> (a synthetic stand-in with the dataset's
/// shape), <c>mixed</c> (some tables real, some surrogate) or <c>none</c> (no dataset, e.g. a theory notebook).</param>
/// <param name="Encoder">The encoder: <c>paper's</c> (the encoder the paper used), <c>stand-in</c> (a smaller or different
/// one) or <c>none</c>.</param>
/// <param name="Detail">An optional short line saying more (e.g. <c>"yeast, 30 epochs, 5 seeds"</c>), or null.</param>
/// <exception cref="ArgumentException">A value is not one of the allowed words (compared without case; stored lower-case).</exception>
public sealed record RunSummary(string Mode, string Data, string Encoder, string? Detail = null)
{
    /// <summary>The allowed run sizes.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["quick", "default", "full"];

    /// <summary>The allowed data origins.</summary>
    public static IReadOnlyList<string> DataKinds { get; } = ["real", "surrogate", "mixed", "none"];

    /// <summary>The allowed encoder kinds.</summary>
    public static IReadOnlyList<string> EncoderKinds { get; } = ["paper's", "stand-in", "none"];

    /// <summary>The run size (one of <see cref="Modes"/>).</summary>
    public string Mode { get; } = OneOf(Mode, Modes, nameof(Mode));

    /// <summary>The data origin (one of <see cref="DataKinds"/>).</summary>
    public string Data { get; } = OneOf(Data, DataKinds, nameof(Data));

    /// <summary>The encoder kind (one of <see cref="EncoderKinds"/>).</summary>
    public string Encoder { get; } = OneOf(Encoder, EncoderKinds, nameof(Encoder));

    /// <summary>The optional extra line, trimmed; null when empty.</summary>
    public string? Detail { get; } = string.IsNullOrWhiteSpace(Detail) ? null : Detail.Trim();

    /// <summary>The JSON written under <see cref="MimeTypes.RunSummaryJson"/>: <c>{"mode", "data", "encoder"[, "detail"]}</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["mode"] = Mode, ["data"] = Data, ["encoder"] = Encoder };
        if (Detail is not null)
        {
            json["detail"] = Detail;
        }

        return json;
    }

    /// <summary>Reads the JSON of <see cref="ToJson"/> back.</summary>
    /// <param name="json">A <see cref="MimeTypes.RunSummaryJson"/> value.</param>
    /// <exception cref="FormatException">The value is not an object with string <c>mode</c>, <c>data</c> and
    /// <c>encoder</c> holding allowed words.</exception>
    public static RunSummary FromJson(JsonNode? json)
    {
        if (json is not JsonObject o)
        {
            throw new FormatException($"A run summary must be a JSON object, not {json?.GetValueKind().ToString() ?? "null"}.");
        }

        string? Field(string name, bool required)
        {
            var node = o[name];
            if (node is null && !required)
            {
                return null;
            }

            return node is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new FormatException($"A run summary's \"{name}\" must be a string (got {node?.ToJsonString() ?? "nothing"}).");
        }

        try
        {
            return new RunSummary(Field("mode", true)!, Field("data", true)!, Field("encoder", true)!, Field("detail", false));
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>One line: <c>mode default · data real · encoder stand-in</c> (and the detail, when given).</summary>
    public override string ToString() =>
        $"mode {Mode} · data {Data} · encoder {Encoder}" + (Detail is null ? "" : $" ({Detail})");

    /// <summary>The three badges as HTML (inline styles, so that it looks the same in Jupyter, VS Code and the report).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<span class=\"run-summary\" style=\"font-family:sans-serif;font-size:.9em\">");
        Badge(html, "mode", Mode, Mode == "quick" ? "#9a6700" : "#0969da");
        Badge(html, "data", Data, Data == "real" ? "#1a7f37" : Data == "none" ? "#656d76" : "#9a6700");
        Badge(html, "encoder", Encoder, Encoder == "paper's" ? "#1a7f37" : Encoder == "none" ? "#656d76" : "#9a6700");
        if (Detail is not null)
        {
            html.Append("<span class=\"run-detail\" style=\"color:#656d76\">").Append(WebUtility.HtmlEncode(Detail)).Append("</span>");
        }

        return html.Append("</span>").ToString();
    }

    /// <summary>The bundle the formatter gives: the JSON, the HTML badges, the plain line.</summary>
    public MimeBundle ToMimeBundle() =>
        new MimeBundle()
            .SetJson(MimeTypes.RunSummaryJson, ToJson())
            .SetText(MimeTypes.Html, ToHtml())
            .SetText(MimeTypes.PlainText, ToString());

    private static void Badge(StringBuilder html, string key, string value, string colour) =>
        html.Append("<span class=\"run-").Append(key).Append("\" data-value=\"").Append(WebUtility.HtmlEncode(value))
            .Append("\" style=\"display:inline-block;margin-right:6px;padding:1px 8px;border-radius:10px;color:#fff;background:")
            .Append(colour).Append("\">").Append(key).Append(": ").Append(WebUtility.HtmlEncode(value)).Append("</span>");

    private static string OneOf(string value, IReadOnlyList<string> allowed, string name)
    {
        var word = value?.Trim().ToLowerInvariant() ?? throw new ArgumentNullException(name, $"A run summary needs a {name}.");
        return allowed.Contains(word)
            ? word
            : throw new ArgumentException($"Run summary {name} '{value}' is not one of: {string.Join(", ", allowed)}.", name);
    }
}
