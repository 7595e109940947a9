using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LabelAlgebra;

/// <summary>
/// A multi-hot label matrix (M×C) in the form the label algebra multiplies: dense, or — when it is wide and sparse
/// (C ≥ <see cref="SparseMinLabels"/>, density below <see cref="SparseMaxDensity"/>,
/// as MIMIC's 8,929 codes with ~16 per document) — the list of its (row, label) entries. The entries come from one
/// pass over the labels, which also checks that they are 0/1; no product ever builds a dense M×M×C or M×C
/// intermediate on the sparse path.
/// </summary>
internal sealed class LabelMatrix
{
    /// <summary>Fewest labels C for the entry-list form.</summary>
    public const long SparseMinLabels = 512;

    /// <summary>Highest density nnz / (M·C) for the entry-list form.</summary>
    public const double SparseMaxDensity = 0.01;

    private LabelMatrix(long rows, long labels, Tensor entryRows, Tensor entryLabels, Tensor? dense)
    {
        Rows = rows;
        Labels = labels;
        EntryRows = entryRows;
        EntryLabels = entryLabels;
        Dense = dense;
    }

    /// <summary>M.</summary>
    public long Rows { get; }

    /// <summary>C.</summary>
    public long Labels { get; }

    /// <summary>Row of every 1-entry (int64, row-major order).</summary>
    public Tensor EntryRows { get; }

    /// <summary>Label (column) of every 1-entry.</summary>
    public Tensor EntryLabels { get; }

    /// <summary>The M×C matrix in the floating dtype, or null on the sparse path.</summary>
    public Tensor? Dense { get; }

    /// <summary>True when products use the entry lists.</summary>
    public bool IsSparse => Dense is null;

    /// <summary>
    /// Reads a 0/1 label matrix once. With a <paramref name="paramName"/> every nonzero entry must be 1 (an
    /// <see cref="ArgumentException"/> names the first bad row and column); without one the labels are trusted.
    /// </summary>
    public static LabelMatrix Of(Tensor labels, ScalarType dtype, string? paramName = null)
    {
        var (entryRows, entryLabels) = LabelEntries.Find(labels, paramName);
        long m = labels.shape[0], c = labels.shape[1];
        bool sparse = c >= SparseMinLabels && entryRows.shape[0] < SparseMaxDensity * m * c;
        return new LabelMatrix(m, c, entryRows, entryLabels, sparse ? null : labels.to_type(dtype));
    }

    /// <summary>The rows of <paramref name="first"/> followed by those of <paramref name="second"/> (a batch and its queue).</summary>
    public static LabelMatrix Concat(LabelMatrix first, LabelMatrix second, ScalarType dtype)
    {
        var rows = cat([first.EntryRows, second.EntryRows + first.Rows], 0);
        var labels = cat([first.EntryLabels, second.EntryLabels], 0);
        var dense = first.IsSparse && second.IsSparse ? null : cat([first.ToDense(dtype), second.ToDense(dtype)], 0);
        return new LabelMatrix(first.Rows + second.Rows, first.Labels, rows, labels, dense);
    }

    /// <summary>|S| per row, in <paramref name="dtype"/>.</summary>
    public Tensor RowSums(ScalarType dtype) =>
        Dense?.sum(1) ?? EntryRows.bincount(null, Rows).to_type(dtype);

    /// <summary>The number of rows holding each label, in <paramref name="dtype"/>.</summary>
    public Tensor ColumnSums(ScalarType dtype) =>
        Dense?.sum(dim: 0) ?? EntryLabels.bincount(null, Labels).to_type(dtype);

    /// <summary>The M×C matrix (built from the entries on the sparse path).</summary>
    public Tensor ToDense(ScalarType dtype) =>
        Dense ?? zeros(Rows, Labels, dtype, EntryRows.device).index_put_(ones(1, dtype, EntryRows.device), EntryRows, EntryLabels);

    /// <summary>
    /// P_ij = Σ_l A_il · w_l · B_jl (· r_i): this matrix (A, Ma×C) times <paramref name="other"/>ᵀ (B, Mr×C), with
    /// optional per-label weights w (length C) and per-row weights r (length Ma). With no weights P = |S_i ∩ T_j|.
    /// </summary>
    public Tensor TimesTransposed(LabelMatrix other, ScalarType dtype, Tensor? labelWeights = null, Tensor? rowWeights = null)
    {
        if (!IsSparse || !other.IsSparse)
        {
            var a = ToDense(dtype);
            if (labelWeights is not null) a = a * labelWeights.unsqueeze(0);
            if (rowWeights is not null) a = a * rowWeights.unsqueeze(1);
            return a.matmul(other.ToDense(dtype).t());
        }
        return EntryListProduct.Supports(this, other, dtype)
            ? EntryListProduct.Compute(this, other, dtype, labelWeights, rowWeights)
            : SparseTimesTransposed(other, dtype, labelWeights, rowWeights);
    }

    /// <summary>
    /// The sparse product off the CPU (<see cref="EntryListProduct"/> on it): B's columns are compacted to the U labels
    /// B uses (a dense U×Mr 0/1 block, U ≤ nnz(B)), A's entries become a sparse Ma×U matrix (entries on labels B lacks
    /// contribute nothing and are dropped), and one sparse × dense product gives P in O(nnz(A) · Mr).
    /// </summary>
    private Tensor SparseTimesTransposed(LabelMatrix other, ScalarType dtype, Tensor? labelWeights, Tensor? rowWeights)
    {
        var device = EntryRows.device;
        var used = other.EntryLabels.bincount(null, Labels).gt(0);       // the labels B uses
        var position = used.cumsum(0, ScalarType.Int64) - 1;              // their compact index 0..U−1
        long compact = position[-1].item<long>() + 1;
        var block = zeros(compact, other.Rows, dtype, device)
            .index_put_(ones(1, dtype, device), position.index_select(0, other.EntryLabels), other.EntryRows);
        var kept = used.index_select(0, EntryLabels);
        var rows = EntryRows.masked_select(kept);
        var labels = EntryLabels.masked_select(kept);
        var values = ones(rows.shape[0], dtype, device);
        if (labelWeights is not null) values *= labelWeights.to_type(dtype).index_select(0, labels);
        if (rowWeights is not null) values *= rowWeights.to_type(dtype).index_select(0, rows);
        var a = sparse_coo_tensor(stack([rows, position.index_select(0, labels)]), values, [Rows, compact]);
        return a.matmul(block);
    }
}
