using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// The id of one parameter set: the first 16 hex digits of the SHA-256 of its canonical JSON,
/// <c>{"notebook":"&lt;file name&gt;","parameters":{…names in ordinal order…}}</c>. It depends on the notebook's file name
/// and the parameters only, not on folders, the manifest's position or the order of <c>--grid</c> options, so a
/// record in a results store stays valid when the plan is made again or the store moves.
/// </summary>
public static class SweepId
{
    /// <summary>The id of a notebook run with these parameters.</summary>
    /// <param name="notebookFileName">The notebook's file name, e.g. <c>11-journal-table-III.ipynb</c> (a path is reduced to its name).</param>
    /// <param name="parameters">Name → value text.</param>
    public static string Of(string notebookFileName, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(notebookFileName);
        ArgumentNullException.ThrowIfNull(parameters);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("notebook", Path.GetFileName(notebookFileName.Replace('\\', '/')));
            json.WriteStartObject("parameters");
            foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
                json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..16];
    }
}
