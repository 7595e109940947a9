using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>
/// An nbformat 4 notebook held in memory: notebook metadata and cells. Read accepts nbformat 4.0–4.5+ (older minors
/// get cell ids and are upgraded to 4.5); write always produces nbformat 4.5 JSON, keys sorted and one-space indent,
/// as Jupyter writes it, valid against the official <c>nbformat.v4.5.schema.json</c>.
/// </summary>
public sealed class Notebook
{
    /// <summary>The major format version written: 4.</summary>
    public const int FormatMajor = 4;

    /// <summary>The minor format version written: 5 (cell ids).</summary>
    public const int FormatMinor = 5;

    /// <summary>Notebook-level metadata (kernelspec, language_info, executor results, …), kept verbatim.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>The minor version the notebook was read with (5 for notebooks made in memory).</summary>
    public int SourceFormatMinor { get; internal set; } = FormatMinor;

    /// <summary>Reads a notebook file.</summary>
    /// <param name="path">Path of an <c>.ipynb</c> file.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotebookFormatException">The file is not an nbformat 4 notebook; the message names the file and the field.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = File.ReadAllText(path);
        try
        {
            return NotebookJson.Parse(text);
        }
        catch (NotebookFormatException e)
        {
            throw new NotebookFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The text of an <c>.ipynb</c> file.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="NotebookFormatException">Not an nbformat 4 notebook; the message names the field.</exception>
    public static Notebook Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return NotebookJson.Parse(json);
    }

    /// <summary>The notebook as nbformat 4.5 JSON (keys sorted, one-space indent, trailing newline).</summary>
    public string ToJson() => NotebookJson.Write(this);

    /// <summary>Writes the notebook as nbformat 4.5 JSON, creating the folder if needed; atomic (a temporary file moved into place).</summary>
    /// <param name="path">Destination <c>.ipynb</c> path.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Written next to the destination, then moved over it: a reader never sees half a notebook.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A deep copy (cells, outputs and metadata), for executing without touching the original.</summary>
    public Notebook Clone() => NotebookJson.Parse(NotebookJson.Write(this));
}
