using System.Text;
using MultiLabelContrastive.Kernel.Protocol;

namespace MultiLabelContrastive.Kernel.Tests.Protocol;

public sealed class MessageSignerTests
{
    // RFC 4231, test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?"). The data is split over the four
    // frames: the signature is the HMAC of their concatenation.
    private const string Rfc4231Case2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    [Fact]
    public void Signature_is_the_hmac_sha256_of_the_four_frames_concatenated()
    {
        var signer = new MessageSigner("Jefe");
        var signature = signer.Sign("what "u8, "do ya "u8, "want for "u8, "nothing?"u8);
        Assert.Equal(Rfc4231Case2, signature);
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(Rfc4231Case2), "what "u8, "do ya "u8, "want for "u8, "nothing?"u8));
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(Rfc4231Case2.ToUpperInvariant()), "what "u8, "do ya "u8, "want for "u8, "nothing?"u8));
    }

    [Fact]
    public void Sha512_scheme_matches_rfc4231()
    {
        var signer = new MessageSigner("Jefe", "hmac-sha512");
        Assert.Equal(
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            signer.Sign("what do ya want "u8, "for nothing?"u8, ""u8, ""u8));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")] // wrong
    [InlineData("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384")] // truncated
    [InlineData("zz")] // not hex
    [InlineData("")] // missing
    public void Wrong_truncated_garbage_or_missing_signatures_fail(string signature)
    {
        var signer = new MessageSigner("Jefe");
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(signature), "what "u8, "do ya "u8, "want for "u8, "nothing?"u8));
    }

    [Fact]
    public void Changing_any_frame_breaks_the_signature()
    {
        var signer = new MessageSigner("Jefe");
        var signature = Encoding.ASCII.GetBytes(Rfc4231Case2);
        Assert.False(signer.Verify(signature, "what "u8, "do ya "u8, "want for "u8, "nothing!"u8));
        Assert.False(signer.Verify(signature, "What "u8, "do ya "u8, "want for "u8, "nothing?"u8));
        Assert.False(signer.Verify(signature, "what "u8, "do ya "u8, "want for "u8, "nothing? "u8));
    }

    [Fact]
    public void Empty_key_disables_signing()
    {
        var signer = new MessageSigner("");
        Assert.False(signer.Enabled);
        Assert.Equal("", signer.Sign("a"u8, "b"u8, "c"u8, "d"u8));
        Assert.True(signer.Verify(""u8, "a"u8, "b"u8, "c"u8, "d"u8));
    }

    [Fact]
    public void Unknown_scheme_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new MessageSigner("k", "hmac-md5"));
        Assert.Equal("scheme", e.ParamName);
    }
}
