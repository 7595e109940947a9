using MultiLabelContrastive.Data.Text;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// Seeded synthetic multi-label datasets (vector, text, image) with a latent label structure: label prototypes mixed
/// per sample, co-occurrence clusters, Zipf label frequency, a set mean label cardinality and an optional two-level
/// hierarchy (<see cref="SyntheticOptions"/>). The same options give identical data on every run.
/// </summary>
public static class SyntheticGenerator
{
    private const int StructureStream = 0;
    private const int PayloadStream = 1;
    private const int FirstSplitStream = 10;

    /// <summary>Generates the three splits.</summary>
    /// <param name="options">Shape of the data; checked with <see cref="SyntheticOptions.Validate"/>.</param>
    /// <returns>
    /// A dataset with <see cref="MultiLabelDataset.IsSurrogate"/> = true. Vector: n × F float32. Tokens: n × L int64
    /// (cl100k ids remapped to a training vocabulary). Image: n × 3 × S × S float32 in [0, 1].
    /// </returns>
    public static MultiLabelDataset Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Kind switch
        {
            InputKind.Vector => Dense(options, options.FeatureCount, [options.FeatureCount], (s, r) =>
            {
                var synth = new VectorSynthesizer(options, s, r);
                return synth.Row;
            }),
            InputKind.Image => Dense(options, 3 * options.ImageSize * options.ImageSize, [3, options.ImageSize, options.ImageSize], (s, r) =>
            {
                var synth = new ImageSynthesizer(options, s, r);
                return synth.Image;
            }),
            InputKind.Tokens => Text(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown input kind."),
        };
    }

    /// <summary>Generates the raw texts of a text dataset (the same texts <see cref="Generate"/> tokenises for <see cref="InputKind.Tokens"/>).</summary>
    /// <param name="options">Shape of the data; <see cref="SyntheticOptions.Kind"/> is ignored.</param>
    public static SyntheticTextCorpus GenerateTexts(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var structure = new LabelStructure(options, new SeededRandom(options.Seed, StructureStream));
        var synth = new TextSynthesizer(options, structure, new SeededRandom(options.Seed, PayloadStream));
        TextSplit Split(int index, int count)
        {
            var random = new SeededRandom(options.Seed, FirstSplitStream + index);
            var texts = new string[count];
            var labels = new IReadOnlyList<int>[count];
            for (var i = 0; i < count; i++)
            {
                var set = structure.Sample(random);
                labels[i] = set;
                texts[i] = synth.Document(set, LabelStructure.MixingWeights(set, random), random);
            }
            return new TextSplit(texts, labels);
        }
        return new SyntheticTextCorpus(structure.LabelNames,
            Split(0, options.TrainCount), Split(1, options.ValidationCount), Split(2, options.TestCount));
    }

    /// <summary>The description a generated dataset carries: says it is surrogate data and how it was made.</summary>
    public static string Describe(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = FormattableString.Invariant(
            $"Surrogate data: synthetic {options.Kind.ToString().ToLowerInvariant()} samples from MultiLabelContrastive.Data.Synthetic (seed {options.Seed}) with {options.LabelCount} labels, mean {options.MeanLabelsPerSample:0.##} labels per sample, Zipf exponent {options.ZipfExponent:0.##}, {options.EffectiveClusterCount} co-occurrence clusters{(options.HierarchyGroups > 0 ? " forming a two-level hierarchy" : "")}; train {options.TrainCount} / validation {options.ValidationCount} / test {options.TestCount}. Not real data: results on it are not comparable with published numbers.");
        return string.IsNullOrWhiteSpace(options.Description) ? text : options.Description.Trim() + " " + text;
    }

    private delegate void RowWriter(int[] labels, double[] weights, SeededRandom random, float[] destination, long offset);

    private static MultiLabelDataset Dense(SyntheticOptions options, int rowSize, long[] rowShape,
        Func<LabelStructure, SeededRandom, RowWriter> makeWriter)
    {
        var structure = new LabelStructure(options, new SeededRandom(options.Seed, StructureStream));
        var writer = makeWriter(structure, new SeededRandom(options.Seed, PayloadStream));
        DatasetSplit Split(int index, string name, int count)
        {
            var random = new SeededRandom(options.Seed, FirstSplitStream + index);
            var inputs = new float[(long)count * rowSize];
            var labels = new float[(long)count * options.LabelCount];
            for (var i = 0; i < count; i++)
            {
                var set = structure.Sample(random);
                foreach (var c in set) labels[(long)i * options.LabelCount + c] = 1f;
                writer(set, LabelStructure.MixingWeights(set, random), random, inputs, (long)i * rowSize);
            }
            return new DatasetSplit(name, options.Kind,
                tensor(inputs, [count, .. rowShape], ScalarType.Float32),
                tensor(labels, [count, options.LabelCount], ScalarType.Float32));
        }
        return new MultiLabelDataset(options.Name, options.Kind, structure.LabelNames,
            Split(0, "train", options.TrainCount), Split(1, "validation", options.ValidationCount), Split(2, "test", options.TestCount),
            isSurrogate: true, Describe(options));
    }

    private static MultiLabelDataset Text(SyntheticOptions options)
    {
        var corpus = GenerateTexts(options);
        return TextDataset.Create(options.Name, corpus.LabelNames, corpus.Train, corpus.Validation, corpus.Test,
            new TextEncodingOptions { MaxLength = options.MaxTokens }, isSurrogate: true, Describe(options), out _);
    }
}
