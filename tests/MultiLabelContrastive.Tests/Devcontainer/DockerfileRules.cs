using System.Text;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>One instruction of a Dockerfile, continuation lines joined, comment lines dropped.</summary>
/// <param name="Line">1-based line where the instruction starts.</param>
/// <param name="Keyword">The instruction, upper case (FROM, RUN, ...).</param>
/// <param name="Arguments">Everything after the keyword.</param>
public sealed record DockerInstruction(int Line, string Keyword, string Arguments);

/// <summary>A broken rule: its id, the line of the instruction and what is wrong.</summary>
public sealed record DockerfileViolation(string Rule, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Rule} (line {Line}): {Message}";
}

/// <summary>
/// The project's Dockerfile rules: the documented manual checks, run as a test whether or not hadolint is
/// installed. Each rule names the hadolint rule it stands in for, where there is one.
/// <list type="bullet">
/// <item>DF001 (DL3006, DL3007): every FROM names a literal image with an explicit tag or digest, never <c>latest</c>.</item>
/// <item>DF002: the final base image is Ubuntu 24.04 pinned to a full x.y.z version (or a digest).</item>
/// <item>DF003 (DL3009): a RUN that installs with apt-get updates first and removes /var/lib/apt/lists after.</item>
/// <item>DF004 (DL3014, DL3015): apt-get install with -y and --no-install-recommends.</item>
/// <item>DF005 (DL3005, DL3027): no apt-get upgrade / dist-upgrade, and apt-get rather than apt.</item>
/// <item>DF006 (DL3004): no sudo in RUN (the build runs as root).</item>
/// <item>DF007 (DL4006): a RUN with a pipe comes after a SHELL with -o pipefail.</item>
/// <item>DF008 (DL3020): COPY, not ADD.</item>
/// <item>DF009 (DL3002): the last USER is a non-root user.</item>
/// <item>DF010 (DL3003): no cd in RUN (use WORKDIR); DF014 (DL3000): WORKDIR is absolute.</item>
/// <item>DF011 (DL3016, DL3013, DL3042): npm -g and pip installs pin versions; pip uses --no-cache-dir.</item>
/// <item>DF012: no download piped into a shell.</item>
/// <item>DF013: added apt sources are signed (signed-by=), no apt-key, no trusted=yes.</item>
/// <item>DF015 (DL4000): no MAINTAINER.</item>
/// </list>
/// </summary>
public static class DockerfileRules
{
    /// <summary>Joins continuation lines and drops comments and blank lines.</summary>
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var result = new List<DockerInstruction>();
        var current = new StringBuilder();
        int start = 0;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            if (current.Length == 0) start = i + 1;
            var continued = trimmed.EndsWith('\\');
            current.Append(continued ? trimmed[..^1] : trimmed).Append(' ');
            if (continued) continue;
            Add(current.ToString(), start);
            current.Clear();
        }
        if (current.Length > 0) Add(current.ToString(), start);
        return result;

        void Add(string instruction, int line)
        {
            var s = instruction.Trim();
            var space = s.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? s : s[..space]).ToUpperInvariant();
            result.Add(new DockerInstruction(line, keyword, space < 0 ? "" : s[(space + 1)..].Trim()));
        }
    }

    /// <summary>Every violation of the rules in a Dockerfile's text.</summary>
    public static IReadOnlyList<DockerfileViolation> Check(string text)
    {
        var instructions = Parse(text);
        var found = new List<DockerfileViolation>();
        void Flag(string rule, DockerInstruction at, string message) => found.Add(new DockerfileViolation(rule, at.Line, message));

        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        DockerInstruction? lastFrom = null;
        string? lastImage = null;
        bool pipefail = false;
        DockerInstruction? lastUser = null;

        foreach (var ins in instructions)
        {
            switch (ins.Keyword)
            {
                case "FROM":
                {
                    var tokens = ins.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !t.StartsWith("--")).ToList();
                    var image = tokens.FirstOrDefault() ?? "";
                    lastFrom = ins;
                    lastImage = image;
                    var earlierStage = stages.Contains(image);
                    if (tokens.Count >= 3 && tokens[1].Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(tokens[2]);
                    if (earlierStage) break;
                    if (image.Contains('$')) { Flag("DF001", ins, $"FROM {image}: use a literal image reference, not a variable"); break; }
                    if (image.Contains("@sha256:")) break;
                    var colon = image.LastIndexOf(':');
                    if (colon < 0 || colon < image.LastIndexOf('/')) Flag("DF001", ins, $"FROM {image}: no tag (pin a version)");
                    else if (image[(colon + 1)..].Equals("latest", StringComparison.OrdinalIgnoreCase)) Flag("DF001", ins, $"FROM {image}: 'latest' is not a version");
                    else if (!image[(colon + 1)..].Any(char.IsAsciiDigit)) Flag("DF001", ins, $"FROM {image}: the tag names no version");
                    break;
                }
                case "RUN":
                    CheckRun(ins, pipefail, Flag);
                    break;
                case "SHELL":
                    pipefail = ins.Arguments.Contains("pipefail");
                    break;
                case "ADD":
                    Flag("DF008", ins, "use COPY instead of ADD");
                    break;
                case "USER":
                    lastUser = ins;
                    break;
                case "WORKDIR":
                    if (!ins.Arguments.StartsWith('/') && !ins.Arguments.StartsWith('$')) Flag("DF014", ins, $"WORKDIR {ins.Arguments} is not absolute");
                    break;
                case "MAINTAINER":
                    Flag("DF015", ins, "MAINTAINER is deprecated (use a LABEL)");
                    break;
            }
        }

        if (lastFrom is null) found.Add(new DockerfileViolation("DF002", 1, "no FROM"));
        else
        {
            var image = lastImage ?? "";
            if (!image.Contains("@sha256:") && !Regex.IsMatch(image, @":[^/]*\d+\.\d+\.\d+"))
                Flag("DF002", lastFrom, $"final base {image} is not pinned to a full x.y.z version or a digest");
            if (!Regex.IsMatch(image, @"ubuntu24\.04|noble|ubuntu:24\.04", RegexOptions.IgnoreCase))
                Flag("DF002", lastFrom, $"final base {image} is not Ubuntu 24.04");
        }
        if (lastUser is null) found.Add(new DockerfileViolation("DF009", instructions.LastOrDefault()?.Line ?? 1, "no USER: the container would run as root"));
        else if (lastUser.Arguments.Split(':')[0] is "root" or "0") Flag("DF009", lastUser, "the last USER is root");

        return found;
    }

    private static void CheckRun(DockerInstruction run, bool pipefail, Action<string, DockerInstruction, string> flag)
    {
        var s = run.Arguments;
        const string command = @"(?:^|&&|\|\||;|\||\bthen\b|\bdo\b|\belse\b)\s*";

        var installs = Regex.Matches(s, @"apt-get\s+(?:[^&;|]*?\s)?install\b[^&;|]*");
        if (installs.Count > 0)
        {
            var update = s.IndexOf("apt-get update", StringComparison.Ordinal);
            if (update < 0 || update > installs[0].Index) flag("DF003", run, "apt-get install without apt-get update before it in the same RUN");
            var clean = s.LastIndexOf("rm -rf /var/lib/apt/lists", StringComparison.Ordinal);
            if (clean < installs[^1].Index) flag("DF003", run, "apt-get install without rm -rf /var/lib/apt/lists/* after it in the same RUN");
        }
        foreach (Match install in installs)
        {
            if (!Regex.IsMatch(install.Value, @"(?:^|\s)(-y|--yes|--assume-yes|-\w*y\w*)(?=\s|$)")) flag("DF004", run, "apt-get install without -y");
            if (!install.Value.Contains("--no-install-recommends")) flag("DF004", run, "apt-get install without --no-install-recommends");
        }
        if (Regex.IsMatch(s, @"apt-get\s+(?:-\S+\s+)*(dist-)?upgrade\b")) flag("DF005", run, "apt-get upgrade in a RUN (use a newer base image)");
        if (Regex.IsMatch(s, command + @"apt\s")) flag("DF005", run, "use apt-get, not apt, in scripts");
        if (Regex.IsMatch(s, command + @"sudo\s")) flag("DF006", run, "sudo in RUN (the build runs as root)");
        if (Regex.IsMatch(s, @"(?<!\|)\|(?!\|)") && !pipefail) flag("DF007", run, "a pipe in RUN without a SHELL [..., \"-o\", \"pipefail\", ...] before it");
        if (Regex.IsMatch(s, command + @"cd\s")) flag("DF010", run, "cd in RUN (use WORKDIR)");
        foreach (Match npm in Regex.Matches(s, @"npm\s+(?:install|i)\s[^&;|]*"))
            foreach (var package in npm.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).Where(t => !t.StartsWith('-')))
                if (package.Trim('"', '\'').LastIndexOf('@') <= 0) flag("DF011", run, $"npm package {package} has no pinned version");
        foreach (Match pip in Regex.Matches(s, @"pip3?\s+install\s+([^&;|]*)"))
        {
            if (!pip.Value.Contains("--no-cache-dir")) flag("DF011", run, "pip install without --no-cache-dir");
            foreach (var package in pip.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !t.StartsWith('-')))
                if (!package.Contains("==") && !package.StartsWith('.') && !package.StartsWith('/')) flag("DF011", run, $"pip package {package} has no pinned version");
        }
        if (Regex.IsMatch(s, @"\b(curl|wget)\b[^;&|]*\|\s*(sudo\s+)?(ba|da|z)?sh\b")) flag("DF012", run, "a download piped into a shell");
        if (s.Contains("apt-key")) flag("DF013", run, "apt-key is deprecated (use signed-by=)");
        if (s.Contains("trusted=yes")) flag("DF013", run, "an unsigned apt source (trusted=yes)");
        if (Regex.IsMatch(s, @"\bdeb\s+(https?|\[)") && !s.Contains("signed-by=")) flag("DF013", run, "an apt source without signed-by=");
    }
}
