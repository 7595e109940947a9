namespace MultiLabelContrastive.Notebooks.Parameters;

/// <summary>Parses <c>--param Name=Value</c> arguments (papermill's <c>-p</c>): the value is text, typed later by the type
/// of the parameter's default in the notebook's <c>parameters</c> cell.</summary>
public static class ParameterAssignments
{
    /// <summary>The name of the standard parameter that <c>--quick</c> sets to <c>true</c>.</summary>
    public const string QuickName = "Quick";

    /// <summary>Parses assignments; a later assignment of the same name wins.</summary>
    /// <param name="assignments">Items of the form <c>Name=Value</c>; the value may be empty and may contain '='.</param>
    /// <returns>Name → value text, in first-seen order.</returns>
    /// <exception cref="ArgumentException">An item has no '=' or its name is not a C# identifier; the message quotes it.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in assignments)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? item[..equals].Trim() : "";
            if (equals <= 0 || !IsIdentifier(name))
            {
                throw new ArgumentException($"Parameter '{item}' is not of the form Name=Value with Name a C# identifier.", nameof(assignments));
            }

            result[name] = item[(equals + 1)..];
        }

        return result;
    }

    /// <summary>Adds <c>Quick=true</c> unless <paramref name="parameters"/> already set <c>Quick</c> explicitly.</summary>
    /// <param name="parameters">Parsed assignments.</param>
    /// <param name="quick">Whether <c>--quick</c> was given.</param>
    public static IReadOnlyDictionary<string, string> WithQuick(IReadOnlyDictionary<string, string> parameters, bool quick)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!quick || parameters.ContainsKey(QuickName))
        {
            return parameters;
        }

        var result = new Dictionary<string, string>(parameters, StringComparer.Ordinal) { [QuickName] = "true" };
        return result;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
