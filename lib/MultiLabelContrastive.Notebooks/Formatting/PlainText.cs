using System.Collections;
using System.Globalization;
using System.Text;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>The <c>text/plain</c> form of a value: invariant-culture numbers, <c>true</c>/<c>false</c>, collections as
/// <c>[a, b, …]</c> (at most <see cref="MaxItems"/> items), dictionaries as <c>{ k: v }</c>, 2-D arrays as rows, else <c>ToString()</c>.</summary>
internal static class PlainText
{
    public const int MaxItems = 100;

    private const int MaxDepth = 4;

    public static string Format(object? value) => Format(value, 0);

    public static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>True for values shown as one token: primitives, strings, decimals, enums, dates, GUIDs.</summary>
    public static bool IsScalar(object? value) =>
        value is null or string or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum || value.GetType().IsPrimitive;

    private static string Format(object? value, int depth)
    {
        if (IsScalar(value))
        {
            return Scalar(value);
        }

        if (depth >= MaxDepth)
        {
            return value!.ToString() ?? "";
        }

        switch (value)
        {
            case Array { Rank: 2 } matrix:
                return Matrix(matrix);
            case IDictionary dictionary:
                return "{ " + string.Join(", ", Take(Entries(dictionary), e => $"{Format(e.Key, depth + 1)}: {Format(e.Value, depth + 1)}")) + " }";
            case IEnumerable sequence when HasDefaultToString(value!) || value is Array:
                return "[" + string.Join(", ", Take(sequence.Cast<object?>(), v => Format(v, depth + 1))) + "]";
            default:
                return value!.ToString() ?? "";
        }
    }

    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return enumerator.Entry;
        }
    }

    private static IEnumerable<string> Take<T>(IEnumerable<T> items, Func<T, string> format)
    {
        var count = 0;
        foreach (var item in items)
        {
            if (count == MaxItems)
            {
                yield return "…";
                yield break;
            }

            yield return format(item);
            count++;
        }
    }

    private static string Matrix(Array matrix)
    {
        var rows = matrix.GetLength(0);
        var cols = matrix.GetLength(1);
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{matrix.GetType().GetElementType()!.Name}[{rows}, {cols}]\n");
        for (var i = 0; i < Math.Min(rows, MaxItems); i++)
        {
            builder.Append('[');
            for (var j = 0; j < Math.Min(cols, MaxItems); j++)
            {
                builder.Append(j == 0 ? "" : ", ").Append(Scalar(matrix.GetValue(i, j)));
            }

            builder.Append(cols > MaxItems ? ", …]\n" : "]\n");
        }

        if (rows > MaxItems)
        {
            builder.Append("…\n");
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Whether the type keeps <see cref="object.ToString"/> (so a list prints its items, not its type name).</summary>
    public static bool HasDefaultToString(object value)
    {
        var method = value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes);
        return method is null || method.DeclaringType == typeof(object);
    }
}
