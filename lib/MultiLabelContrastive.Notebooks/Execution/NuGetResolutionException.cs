namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>A <c>#r "nuget: Name, Version"</c> directive names a package that neither the host nor the local NuGet
/// cache holds in that version. Packages are never downloaded by the engine; the message says what is available.</summary>
public sealed class NuGetResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which package, which version, where it was looked for and what is available.</param>
    public NuGetResolutionException(string message)
        : base(message)
    {
    }
}
