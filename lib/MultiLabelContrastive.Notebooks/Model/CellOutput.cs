namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>One output of a code cell (nbformat <c>output</c>): <see cref="StreamOutput"/>, <see cref="DisplayDataOutput"/>,
/// <see cref="ExecuteResultOutput"/> or <see cref="ErrorOutput"/>.</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat <c>output_type</c>: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public abstract string OutputType { get; }
}
