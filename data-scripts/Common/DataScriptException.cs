namespace DataScripts.Common;

/// <summary>A problem with the raw input (missing file, wrong columns, empty input, unexpected label code); the message names file and line.</summary>
public sealed class DataScriptException(string message) : Exception(message);
