using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Sweeps;

/// <summary>One axis of a sweep's grid: a notebook parameter and the values it takes, from <c>--grid Name=a,b,1..5</c>.</summary>
/// <param name="Name">The parameter's name (a C# identifier declared by the notebook's parameters cell).</param>
/// <param name="Values">Its values as text, in the order given; typed later like any <c>--param</c>.</param>
public sealed partial record SweepAxis(string Name, IReadOnlyList<string> Values)
{
    /// <summary>Parses <c>Name=v1,v2,…</c>; an item <c>a..b</c> (integers) stands for a, a±1, …, b.</summary>
    /// <param name="text">The text after <c>--grid</c>. A value cannot contain a comma.</param>
    /// <exception cref="ArgumentException">No '=', a name that is not an identifier, an empty value, a repeated value; the message quotes the text.</exception>
    public static SweepAxis Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? text[..equals].Trim() : "";
        if (!Identifier().IsMatch(name))
            throw new ArgumentException($"--grid '{text}' is not of the form Name=value1,value2,… with Name a C# identifier.");
        var values = new List<string>();
        foreach (var raw in text[(equals + 1)..].Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
                throw new ArgumentException($"--grid '{text}' has an empty value (two commas, or a comma at an end).");
            var range = IntegerRange().Match(item);
            if (range.Success)
            {
                var from = long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
                var to = long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
                if (Math.Abs(to - from) >= 100_000)
                    throw new ArgumentException($"--grid '{text}': the range {item} has more than 100000 values.");
                var step = to >= from ? 1 : -1;
                for (var v = from; ; v += step)
                {
                    values.Add(v.ToString(CultureInfo.InvariantCulture));
                    if (v == to) break;
                }
            }
            else
            {
                values.Add(item);
            }
        }

        var repeated = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"--grid '{text}' lists the value '{repeated.Key}' more than once.");
        return new SweepAxis(name, values);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(-?\d+)\.\.(-?\d+)$")]
    private static partial Regex IntegerRange();
}
