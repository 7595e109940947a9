using System.Security.Cryptography;
using System.Text;

namespace MultiLabelContrastive.Kernel.Protocol;

/// <summary>
/// Signs and verifies Jupyter messages: the lower-case hex HMAC of the four JSON frames header, parent header,
/// metadata and content, keyed with the connection file's key. An empty key means no signing (the signature frame is
/// empty and not checked), as the protocol specifies.
/// </summary>
internal sealed class MessageSigner
{
    private readonly byte[] _key;
    private readonly string _scheme;

    /// <summary>Creates a signer.</summary>
    /// <param name="key">The connection file's key (UTF-8); empty disables signing.</param>
    /// <param name="scheme">One of <c>hmac-sha256</c> (Jupyter's default), <c>hmac-sha384</c>, <c>hmac-sha512</c>, <c>hmac-sha1</c>.</param>
    /// <exception cref="ArgumentException">Unsupported scheme.</exception>
    public MessageSigner(string key, string scheme = ConnectionInfo.DefaultSignatureScheme)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsSupportedScheme(scheme))
        {
            throw new ArgumentException($"signature scheme \"{scheme}\" is not supported", nameof(scheme));
        }

        _key = Encoding.UTF8.GetBytes(key);
        _scheme = scheme;
    }

    /// <summary>Whether messages are signed (the key is not empty).</summary>
    public bool Enabled => _key.Length > 0;

    /// <summary>Whether <paramref name="scheme"/> is a scheme this signer implements.</summary>
    public static bool IsSupportedScheme(string scheme) =>
        scheme is "hmac-sha256" or "hmac-sha384" or "hmac-sha512" or "hmac-sha1";

    /// <summary>The hex signature of the four frames (empty when signing is disabled).</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content) =>
        Enabled ? Convert.ToHexStringLower(Digest(header, parentHeader, metadata, content)) : "";

    /// <summary>Whether <paramref name="signature"/> (hex text) is the signature of the four frames; compared in
    /// constant time. Always true when signing is disabled.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled)
        {
            return true;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(Encoding.ASCII.GetString(signature));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Digest(header, parentHeader, metadata, content));
    }

    private byte[] Digest(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        using IncrementalHash hash = IncrementalHash.CreateHMAC(Algorithm(_scheme), _key);
        hash.AppendData(header);
        hash.AppendData(parentHeader);
        hash.AppendData(metadata);
        hash.AppendData(content);
        return hash.GetHashAndReset();
    }

    private static HashAlgorithmName Algorithm(string scheme) => scheme switch
    {
        "hmac-sha256" => HashAlgorithmName.SHA256,
        "hmac-sha384" => HashAlgorithmName.SHA384,
        "hmac-sha512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA1,
    };
}
