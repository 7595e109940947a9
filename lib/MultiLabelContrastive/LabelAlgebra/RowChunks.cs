namespace MultiLabelContrastive.LabelAlgebra;

/// <summary>
/// Row-parallel loops of the CPU label kernels: rows [0, M) split into up to 4 × cores contiguous chunks, each run on
/// the thread pool.
/// </summary>
internal static class RowChunks
{
    /// <summary>Runs <paramref name="body"/>(start, end) on every chunk and returns its results in row order.</summary>
    public static TResult[] Map<TResult>(int rows, Func<int, int, TResult> body)
    {
        int chunks = Math.Min(rows, 4 * Environment.ProcessorCount);
        var results = new TResult[chunks];
        Parallel.For(0, chunks, chunk =>
            results[chunk] = body((int)((long)rows * chunk / chunks), (int)((long)rows * (chunk + 1) / chunks)));
        return results;
    }

    /// <summary>Runs <paramref name="body"/>(start, end) on every chunk.</summary>
    public static void For(int rows, Action<int, int> body) => Map(rows, (start, end) =>
    {
        body(start, end);
        return true;
    });
}
