namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// Cooperative stop of a running cell. The engine inserts <c>CellInterrupt.Check()</c> at the top of every loop body of
/// a cell, so a cell that loops forever stops on timeout or interrupt; long-running library code may call
/// <see cref="Check"/> or pass <see cref="Token"/> itself.
/// </summary>
public static class CellInterrupt
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>The stop token of the cell running on this logical thread (<see cref="CancellationToken.None"/> outside a cell).</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell was asked to stop (timeout or interrupt).</summary>
    /// <exception cref="OperationCanceledException">The cell's stop token was cancelled.</exception>
    public static void Check() => Current.Value.ThrowIfCancellationRequested();

    internal static void Enter(CancellationToken token) => Current.Value = token;
}
