using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>Receives progress while notebooks run (a console progress display, a log). Every method has an empty default.</summary>
public interface INotebookObserver
{
    /// <summary>A notebook is about to run.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="codeCells">Number of code cells it has.</param>
    void NotebookStarting(string name, int codeCells)
    {
    }

    /// <summary>A code cell is about to run.</summary>
    /// <param name="name">The notebook's name.</param>
    /// <param name="cellNumber">1-based position of the cell in the executed notebook.</param>
    /// <param name="codeCellIndex">1-based index among code cells.</param>
    /// <param name="codeCells">Number of code cells.</param>
    void CellStarting(string name, int cellNumber, int codeCellIndex, int codeCells)
    {
    }

    /// <summary>A code cell finished.</summary>
    /// <param name="name">The notebook's name.</param>
    /// <param name="cellNumber">1-based position of the cell.</param>
    /// <param name="result">Its result (status, outputs, duration).</param>
    void CellFinished(string name, int cellNumber, CellExecutionResult result)
    {
    }

    /// <summary>A notebook finished.</summary>
    /// <param name="result">Its result.</param>
    void NotebookFinished(NotebookRunResult result)
    {
    }
}
