namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>A top-level variable of the session (the latest declaration of its name).</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Type">Declared type.</param>
/// <param name="Value">Current value.</param>
public sealed record ScriptVariable(string Name, Type Type, object? Value);
