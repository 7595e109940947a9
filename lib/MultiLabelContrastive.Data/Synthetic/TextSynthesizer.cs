using System.Text;

namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// Documents of pseudo-words: each word is, with probability <see cref="SyntheticOptions.SignalFraction"/>, a keyword
/// of an active label (label chosen by mixing weight, keyword by a Zipf(0.5) law over its keywords); with probability
/// 0.15 a word of the document's nuisance topic (one of 8, independent of the labels); else a background word drawn
/// by Zipf(1) over the whole word list. With a hierarchy half of a label's keywords are its parent group's.
/// </summary>
internal sealed class TextSynthesizer
{
    private const double NuisanceFraction = 0.15;
    private const int TopicCount = 8;
    private const int WordsPerTopic = 12;
    private static readonly string Consonants = "bdfgklmnprstvz";
    private static readonly string Vowels = "aeiou";

    private readonly SyntheticOptions _options;
    private readonly string[] _words;
    private readonly double[] _background;
    private readonly int[][] _keywords;
    private readonly double[] _keywordCumulative;
    private readonly int[][] _topics;

    public TextSynthesizer(SyntheticOptions options, LabelStructure structure, SeededRandom random)
    {
        _options = options;
        _words = PseudoWords(options.WordCount, random);
        var ranks = Enumerable.Range(0, _words.Length).ToArray();
        random.Shuffle(ranks);
        _background = SeededRandom.Cumulative(ranks.Select(r => 1.0 / (r + 1)));
        int k = options.KeywordsPerLabel, shared = structure.HasHierarchy ? k / 2 : 0;
        var groupKeywords = Enumerable.Range(0, structure.ClusterCount)
            .Select(_ => Enumerable.Range(0, Math.Max(shared, 1)).Select(_ => random.Next(_words.Length)).ToArray()).ToArray();
        _keywords = Enumerable.Range(0, structure.LabelCount).Select(c =>
            Enumerable.Range(0, k).Select(j => j < shared ? groupKeywords[structure.ClusterOf[c]][j] : random.Next(_words.Length)).ToArray()).ToArray();
        _keywordCumulative = SeededRandom.Cumulative(Enumerable.Range(0, k).Select(j => Math.Pow(j + 1, -0.5)));
        _topics = Enumerable.Range(0, TopicCount)
            .Select(_ => Enumerable.Range(0, WordsPerTopic).Select(_ => random.Next(_words.Length)).ToArray()).ToArray();
    }

    public string Document(int[] labels, double[] weights, SeededRandom random)
    {
        var length = Math.Max(5, (int)Math.Round(_options.MeanWords * random.Uniform(0.6, 1.4)));
        var labelCumulative = SeededRandom.Cumulative(weights);
        var topic = _topics[random.Next(TopicCount)];
        var text = new StringBuilder(length * 7);
        for (var i = 0; i < length; i++)
        {
            var r = random.NextDouble();
            int word;
            if (r < _options.SignalFraction)
                word = _keywords[labels[random.Choose(labelCumulative)]][random.Choose(_keywordCumulative)];
            else if (r < _options.SignalFraction + NuisanceFraction)
                word = topic[random.Next(WordsPerTopic)];
            else
                word = random.Choose(_background);
            if (i > 0) text.Append(' ');
            text.Append(_words[word]);
        }
        return text.ToString();
    }

    private static string[] PseudoWords(int count, SeededRandom random)
    {
        var words = new HashSet<string>();
        var ordered = new List<string>(count);
        var builder = new StringBuilder();
        while (ordered.Count < count)
        {
            builder.Clear();
            var syllables = 2 + random.Next(2);
            for (var s = 0; s < syllables; s++)
                builder.Append(Consonants[random.Next(Consonants.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
            var word = builder.ToString();
            if (words.Add(word)) ordered.Add(word);
        }
        return ordered.ToArray();
    }
}
