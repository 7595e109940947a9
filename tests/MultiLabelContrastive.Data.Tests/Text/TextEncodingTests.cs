using MultiLabelContrastive.Data.Text;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests.Text;

public class TextEncodingTests
{
    [Fact]
    public void Cl100kRoundTrips()
    {
        var ids = Cl100k.Encode("hello world, multi-label contrastive learning");
        Assert.True(ids.Count >= 6);
        Assert.Equal("hello world, multi-label contrastive learning", Cl100k.Decode(ids));
        Assert.Empty(Cl100k.Encode(""));
    }

    [Fact]
    public void VocabularyOrdersByCountThenIdAndBucketsTheRest()
    {
        var vocabulary = TokenVocabulary.Build([[7, 7, 7, 3, 3, 9], [9, 5]], minCount: 2);
        // 7 ×3, then 3 ×2 and 9 ×2 (smaller source id first); 5 ×1 is below minCount.
        Assert.Equal(5, vocabulary.Size);
        Assert.Equal(2, vocabulary.Map(7));
        Assert.Equal(3, vocabulary.Map(3));
        Assert.Equal(4, vocabulary.Map(9));
        Assert.Equal(TokenVocabulary.UnknownId, vocabulary.Map(5));
        Assert.Equal(TokenVocabulary.UnknownId, vocabulary.Map(123456));
        Assert.Equal(9, vocabulary.SourceId(4));
        Assert.Equal(-1, vocabulary.SourceId(TokenVocabulary.PaddingId));
        Assert.Equal(3L, vocabulary.Counts[2]);
        Assert.Equal(3, TokenVocabulary.Build([[7, 7, 7, 3, 3, 9]], maxSize: 3).Size);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenVocabulary.Build([[1]], minCount: 0));
    }

    [Fact]
    public void EncoderTruncatesPadsAndUsesTheUnknownBucket()
    {
        var encoder = TextEncoder.Fit(["the cat sat on the mat", "the dog sat"], new TextEncodingOptions { MaxLength = 4 });
        using var rows = encoder.Encode(["the cat sat on the mat", "the", "zebra quokka"]);
        Assert.Equal([3L, 4L], rows.shape);
        var ids = rows.data<long>().ToArray();
        Assert.All(ids[..4], id => Assert.True(id >= 2));   // first four known tokens, truncated
        Assert.Equal(0, ids[5]);                               // "the" padded
        Assert.Equal(TokenVocabulary.UnknownId, ids[8]);      // unseen word
        Assert.Equal("the cat sat on", encoder.Decode(ids[..4]));
        Assert.Contains("⟨unk⟩", encoder.Decode(ids[8..]));
        Assert.True(ids.All(id => id < encoder.Vocabulary.Size));
    }

    [Fact]
    public void DatasetVocabularyComesFromTrainingTextsOnly()
    {
        var train = new TextSplit(["alpha beta", "beta gamma"], [[0], [0, 1]]);
        var validation = new TextSplit(["omega"], [[1]]);
        var test = new TextSplit([], []);
        using var dataset = TextDataset.Create("t", ["a", "b"], train, validation, test,
            new TextEncodingOptions { MaxLength = 8 }, isSurrogate: false, "unit test", out var encoder);
        Assert.Equal(InputKind.Tokens, dataset.Kind);
        Assert.Equal(encoder.Vocabulary.Size, dataset.VocabularySize);
        Assert.Equal([8L], dataset.RowShape);
        Assert.Equal(0, dataset.Test.Count);
        var omega = Cl100k.Encode("omega");
        Assert.All(omega, id => Assert.Equal(TokenVocabulary.UnknownId, encoder.Vocabulary.Map(id)));
        Assert.Equal(new float[] { 1, 0, 1, 1 }, dataset.Train.Labels.data<float>().ToArray());
        Assert.Equal(new float[] { 0, 1 }, dataset.Validation.Labels.data<float>().ToArray());
    }

    [Fact]
    public void LabelIndexOutsideTheLabelSpaceIsNamed()
    {
        var bad = new TextSplit(["x", "y"], [[0], [2]]);
        var e = Assert.Throws<ArgumentException>(() => TextDataset.Create("t", ["a", "b"], bad, bad, bad,
            new TextEncodingOptions(), false, "x", out _));
        Assert.Contains("Row 1 has label index 2", e.Message);
        Assert.Throws<ArgumentException>(() => new TextSplit(["x"], [[0, 0]]));
        Assert.Throws<ArgumentException>(() => new TextSplit(["x", "y"], [[0]]));
    }
}
