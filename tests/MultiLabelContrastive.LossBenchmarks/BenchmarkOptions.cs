using System.Globalization;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>One label space of the grid: C labels with long-tailed (Zipf) frequencies and a mean cardinality.</summary>
/// <param name="Labels">C, the number of labels.</param>
/// <param name="MeanCardinality">Mean number of labels per sample.</param>
public sealed record LabelSpace(int Labels, double MeanCardinality)
{
    /// <summary>The paper's label spaces: yeast-like 14 (4.2), COCO-like 80 (2.9), 1,000 (2.4), MIMIC-III 8,929 (15.9).</summary>
    public static readonly IReadOnlyList<LabelSpace> Paper =
        [new(14, 4.2), new(80, 2.9), new(1000, 2.4), new(8929, 15.9)];

    /// <summary>Parses "C" (cardinality taken from <see cref="Paper"/>, else 3) or "C:cardinality".</summary>
    public static LabelSpace Parse(string text)
    {
        var parts = text.Split(':');
        int c = int.Parse(parts[0], CultureInfo.InvariantCulture);
        if (c < 1) throw new ArgumentException($"A label count must be ≥ 1; got {c}.");
        double k = parts.Length > 1
            ? double.Parse(parts[1], CultureInfo.InvariantCulture)
            : Paper.FirstOrDefault(s => s.Labels == c)?.MeanCardinality ?? Math.Min(3, c);
        if (k < 1 || k > c) throw new ArgumentException($"Mean cardinality {k} must lie in [1, {c}].");
        return new LabelSpace(c, k);
    }

    /// <inheritdoc />
    public override string ToString() => $"C={Labels} (|S|≈{MeanCardinality.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>Command-line options of the benchmark.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>Batch sizes M.</summary>
    public IReadOnlyList<int> Sizes { get; private set; } = [256, 1024, 4096];

    /// <summary>Label spaces.</summary>
    public IReadOnlyList<LabelSpace> Labels { get; private set; } = LabelSpace.Paper;

    /// <summary>Embedding dimension D.</summary>
    public int Dimension { get; private set; } = 256;

    /// <summary>Temperature τ.</summary>
    public double Temperature { get; private set; } = 0.07;

    /// <summary>Untimed warm-up steps per measurement.</summary>
    public int Warmup { get; private set; } = 2;

    /// <summary>Timed steps per measurement (the median and spread are over these).</summary>
    public int Repeats { get; private set; } = 7;

    /// <summary>Memory cap for the naive variants' largest intermediates, in bytes.</summary>
    public long NaiveCapBytes { get; private set; } = 4L << 30;

    /// <summary>Run the loss grid.</summary>
    public bool RunLosses { get; private set; } = true;

    /// <summary>Run the naive variants beside the library's losses.</summary>
    public bool RunNaive { get; private set; } = true;

    /// <summary>Run the metrics part.</summary>
    public bool RunMetrics { get; private set; } = true;

    /// <summary>Rows of the metrics score matrix.</summary>
    public int MetricRows { get; private set; } = 10_000;

    /// <summary>Labels of the metrics score matrix.</summary>
    public int MetricLabels { get; private set; } = 8929;

    /// <summary>Python interpreter for the scikit-learn comparison.</summary>
    public string Python { get; private set; } = "python3";

    /// <summary>Where to write the tables as Markdown (null: not written).</summary>
    public string? MarkdownPath { get; private set; }

    /// <summary>Seed of the synthetic embeddings, labels and scores.</summary>
    public int Seed { get; private set; } = 20241017;

    /// <summary>torch intra-op threads (null: torch's default, one per core).</summary>
    public int? Threads { get; private set; }

    /// <summary>Losses to run (null: all of the paper's).</summary>
    public IReadOnlyList<string>? Losses { get; private set; }

    /// <summary>Whether --quick was given.</summary>
    public bool Quick { get; private set; }

    /// <summary>The usage text.</summary>
    public const string Usage = """
        MultiLabelContrastive.LossBenchmarks — losses (forward+backward) and metrics at MIMIC scale, CPU, float32.

          --quick                 small grid (M 128,256; C 14,1000; 3 repeats; metrics 1,000 × 100): under a minute
          --sizes 256,1024,4096   batch sizes M
          --labels 14,80,1000,8929  label counts C, optionally C:meanCardinality (default cardinalities 4.2, 2.9, 2.4, 15.9)
          --dim 256               embedding dimension D
          --tau 0.07              temperature
          --warmup 2 --repeats 7  untimed and timed steps per measurement (×3 for steps under 100 ms, ≤ 5 over 1 s)
          --naive-cap-gb 4        skip a naive variant whose largest intermediates would exceed this
          --losses All,Any,...    only these losses (LossKind names)
          --threads N             torch intra-op threads (default: torch's, one per core)
          --no-naive | --no-losses | --no-metrics
          --metric-rows 10000 --metric-labels 8929
          --python python3        interpreter with scikit-learn (skipped with a message when absent)
          --markdown FILE         also write the tables as Markdown
          --seed N
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> on an unknown or malformed option.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var o = new BenchmarkOptions();
        if (args.Contains("--quick"))
        {
            o.Quick = true;
            o.Sizes = [128, 256];
            o.Labels = [LabelSpace.Paper[0], LabelSpace.Paper[2]];
            o.Warmup = 1;
            o.Repeats = 3;
            o.MetricRows = 1000;
            o.MetricLabels = 100;
        }
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--quick": break;
                case "--sizes": o.Sizes = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--labels": o.Labels = Next().Split(',').Select(LabelSpace.Parse).ToArray(); break;
                case "--dim": o.Dimension = NextInt(); break;
                case "--tau": o.Temperature = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.Warmup = NextInt(); break;
                case "--repeats": o.Repeats = NextInt(); break;
                case "--naive-cap-gb": o.NaiveCapBytes = (long)(double.Parse(Next(), CultureInfo.InvariantCulture) * (1L << 30)); break;
                case "--no-naive": o.RunNaive = false; break;
                case "--no-losses": o.RunLosses = false; break;
                case "--no-metrics": o.RunMetrics = false; break;
                case "--metric-rows": o.MetricRows = NextInt(); break;
                case "--metric-labels": o.MetricLabels = NextInt(); break;
                case "--python": o.Python = Next(); break;
                case "--markdown": o.MarkdownPath = Next(); break;
                case "--seed": o.Seed = NextInt(); break;
                case "--threads": o.Threads = NextInt(); break;
                case "--losses": o.Losses = Next().Split(','); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (o.Sizes.Any(m => m < 2)) throw new ArgumentException("Every batch size must be ≥ 2.");
        if (o.Repeats < 1 || o.Warmup < 0) throw new ArgumentException("--repeats must be ≥ 1 and --warmup ≥ 0.");
        return o;
    }
}
