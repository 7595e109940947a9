namespace MultiLabelContrastive.Sweeps;

/// <summary>POSIX shell quoting.</summary>
public static class Shell
{
    /// <summary>One argument in single quotes (a single quote inside becomes <c>'\''</c>); plain words stay bare.</summary>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A command line of quoted arguments.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}
