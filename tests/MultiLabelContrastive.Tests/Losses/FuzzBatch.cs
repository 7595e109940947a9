namespace MultiLabelContrastive.Tests.Losses;

/// <summary>
/// One random batch of the loss fuzz test, drawn from its index alone (so a failure names a batch that can be drawn
/// again): size, label pattern (random density with empty rows, all equal, all disjoint, all empty, all labels,
/// single labels), embedding pattern (Gaussian, exact duplicates, near-zero, exact zero rows, large), precision, τ and
/// the candidate set (in batch, with a queue, or against momentum keys with or without a queue).
/// </summary>
internal sealed class FuzzBatch
{
    /// <summary>The temperatures drawn from, extremes included.</summary>
    public static readonly double[] Temperatures = [1e-3, 1e-2, 0.07, 0.1, 0.5, 1, 10, 1e3];

    public required int Index { get; init; }
    public required int M { get; init; }
    public required int D { get; init; }
    public required int C { get; init; }
    public required bool Float64 { get; init; }
    public required int TemperatureIndex { get; init; }
    public required string Labels { get; init; }
    public required string Embeddings { get; init; }
    public required string Candidates { get; init; }
    public required double[] Z { get; init; }
    public required float[] Y { get; init; }

    /// <summary>Queue rows Q (0 without a queue).</summary>
    public int Q { get; init; }
    public double[] QueueZ { get; init; } = [];
    public float[] QueueY { get; init; } = [];

    /// <summary>Key embeddings M×D (empty unless <see cref="Candidates"/> uses keys).</summary>
    public double[] Keys { get; init; } = [];

    public double Temperature => Temperatures[TemperatureIndex];

    public bool UsesKeys => Keys.Length > 0;

    public override string ToString() =>
        $"batch {Index}: M={M} D={D} C={C} {(Float64 ? "float64" : "float32")} τ={Temperature} labels={Labels} embeddings={Embeddings} candidates={Candidates} Q={Q}";

    public static FuzzBatch Draw(int seed, int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var labels = random.Next(6);
        var m = random.Next(1, 17);
        var c = labels == 2 ? m + random.Next(0, 3) : random.Next(1, 9); // all disjoint needs a label per row
        var d = random.Next(1, 9);
        var (y, labelName) = DrawLabels(random, labels, m, c);
        var embeddings = random.Next(6);
        var (z, embeddingName) = DrawEmbeddings(random, embeddings, m, d);
        var candidates = random.Next(4); // 0 in batch, 1 queue, 2 keys, 3 keys and queue
        var q = candidates is 1 or 3 ? random.Next(1, 9) : 0;
        var queueLabels = q > 0 ? DrawLabels(random, random.Next(6), q, c).Labels : [];
        var queueZ = q > 0 ? DrawEmbeddings(random, random.Next(6), q, d).Z : [];
        double[] keys = [];
        if (candidates >= 2)
        {
            // Keys: the queries themselves (m = 0, no dropout) or the queries moved a little, as a momentum encoder's.
            var noise = random.Next(3) switch { 0 => 0.0, 1 => 1e-3, _ => 0.5 };
            keys = [.. z.Select(v => v + noise * Gaussian(random))];
        }
        return new FuzzBatch
        {
            Index = index, M = m, D = d, C = c, Float64 = random.Next(2) == 1, TemperatureIndex = random.Next(Temperatures.Length),
            Labels = labelName, Embeddings = embeddingName,
            Candidates = candidates switch { 0 => "batch", 1 => "batch+queue", 2 => "keys", _ => "keys+queue" },
            Z = z, Y = y, Q = q, QueueZ = queueZ, QueueY = queueLabels, Keys = keys,
        };
    }

    private static (float[] Labels, string Name) DrawLabels(Random random, int pattern, int rows, int c)
    {
        var y = new float[rows * c];
        switch (pattern)
        {
            case 0: // random density, some rows emptied
            {
                var density = random.NextDouble();
                var empty = random.NextDouble() * 0.5;
                for (var i = 0; i < rows; i++)
                {
                    if (random.NextDouble() < empty) continue;
                    for (var l = 0; l < c; l++) y[i * c + l] = random.NextDouble() < density ? 1 : 0;
                }
                return (y, $"random(density {density:0.00}, empty rows {empty:0.00})");
            }
            case 1: // every row the same set (possibly empty)
            {
                var set = Enumerable.Range(0, c).Select(_ => random.Next(2)).ToArray();
                for (var i = 0; i < rows; i++)
                    for (var l = 0; l < c; l++) y[i * c + l] = set[l];
                return (y, "all equal");
            }
            case 2: // pairwise disjoint: row i holds label i alone (rows ≤ c), or nothing
            {
                for (var i = 0; i < Math.Min(rows, c); i++)
                    if (random.Next(5) > 0) y[i * c + i] = 1;
                return (y, "all disjoint");
            }
            case 3:
                return (y, "all empty");
            case 4:
                Array.Fill(y, 1f);
                return (y, "all labels");
            default: // one label each
            {
                for (var i = 0; i < rows; i++) y[i * c + random.Next(c)] = 1;
                return (y, "single label");
            }
        }
    }

    private static (double[] Z, string Name) DrawEmbeddings(Random random, int pattern, int rows, int d)
    {
        var z = new double[rows * d];
        for (var i = 0; i < z.Length; i++) z[i] = Gaussian(random);
        switch (pattern)
        {
            case 0:
                return (z, "gaussian");
            case 1: // exact duplicates of a few prototypes
            {
                var prototypes = random.Next(1, 3);
                for (var i = prototypes; i < rows; i++)
                    Array.Copy(z, random.Next(Math.Min(prototypes, rows)) * d, z, i * d, d);
                return (z, $"duplicates of {prototypes}");
            }
            case 2: // near zero, down to below float32's normal range after squaring
            {
                var scale = Math.Pow(10, -random.Next(6, 31));
                for (var i = 0; i < z.Length; i++) z[i] *= scale;
                return (z, $"near zero (×{scale:0e0})");
            }
            case 3: // some rows exactly zero
            {
                for (var i = 0; i < rows; i++)
                    if (random.Next(2) == 0) Array.Clear(z, i * d, d);
                return (z, "zero rows");
            }
            case 4:
            {
                var scale = Math.Pow(10, random.Next(3, 16));
                for (var i = 0; i < z.Length; i++) z[i] *= scale;
                return (z, $"large (×{scale:0e0})");
            }
            default: // duplicates, each row scaled differently (same direction, different norm)
            {
                for (var i = 1; i < rows; i++)
                {
                    var factor = Math.Pow(10, random.Next(-8, 9));
                    for (var k = 0; k < d; k++) z[i * d + k] = z[k] * factor;
                }
                return (z, "one direction, many norms");
            }
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
