namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// Images 3 × S × S in [0, 1]: a background (grey level, a tinted linear gradient as label-independent nuisance, pixel
/// noise) with one motif per active label painted at a random place. A label's motif is a shape from 11 (square, disc,
/// ring, cross, stripes in three directions, checker, triangle, diamond, frame) in its own colour and size; the
/// mixing weight sets its opacity. With a hierarchy siblings share the shape and differ in colour.
/// </summary>
internal sealed class ImageSynthesizer
{
    private const int ShapeCount = 11;
    private readonly int _size;
    private readonly int[] _shape;
    private readonly double[][] _colour;
    private readonly double[] _radius;
    private readonly double[] _frequency;

    public ImageSynthesizer(SyntheticOptions options, LabelStructure structure, SeededRandom random)
    {
        _size = options.ImageSize;
        int c = structure.LabelCount;
        var groupShapes = Enumerable.Range(0, structure.ClusterCount).Select(_ => random.Next(ShapeCount)).ToArray();
        var shapeOrder = Enumerable.Range(0, c).Select(i => i % ShapeCount).ToArray();
        random.Shuffle(shapeOrder);
        _shape = Enumerable.Range(0, c).Select(i => structure.HasHierarchy ? groupShapes[structure.ClusterOf[i]] : shapeOrder[i]).ToArray();
        _colour = Enumerable.Range(0, c).Select(_ => Colour(random)).ToArray();
        _radius = Enumerable.Range(0, c).Select(_ => _size * random.Uniform(0.14, 0.22)).ToArray();
        _frequency = Enumerable.Range(0, c).Select(_ => random.Uniform(1.5, 3.5)).ToArray();
    }

    public void Image(int[] labels, double[] weights, SeededRandom random, float[] destination, long offset)
    {
        int s = _size, plane = s * s;
        var level = random.Uniform(0.1, 0.35);
        var angle = random.Uniform(0, 2 * Math.PI);
        var tint = Colour(random);
        double gx = Math.Cos(angle) / s, gy = Math.Sin(angle) / s;
        var pixels = new double[3 * plane];
        for (var y = 0; y < s; y++)
        for (var x = 0; x < s; x++)
        {
            var gradient = 0.2 * ((x - s / 2.0) * gx + (y - s / 2.0) * gy);
            for (var ch = 0; ch < 3; ch++) pixels[ch * plane + y * s + x] = level + gradient * tint[ch];
        }

        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            var radius = _radius[label] * random.Uniform(0.8, 1.2);
            double cx = random.Uniform(0, s), cy = random.Uniform(0, s);
            var alpha = Math.Clamp(0.55 + 0.3 * (weights[i] - 0.5), 0.5, 0.95);
            int x0 = Math.Max(0, (int)Math.Floor(cx - radius)), x1 = Math.Min(s - 1, (int)Math.Ceiling(cx + radius));
            int y0 = Math.Max(0, (int)Math.Floor(cy - radius)), y1 = Math.Min(s - 1, (int)Math.Ceiling(cy + radius));
            for (var y = y0; y <= y1; y++)
            for (var x = x0; x <= x1; x++)
            {
                double u = (x + 0.5 - cx) / radius, v = (y + 0.5 - cy) / radius;
                if (!Inside(_shape[label], u, v, _frequency[label])) continue;
                for (var ch = 0; ch < 3; ch++)
                {
                    var p = ch * plane + y * s + x;
                    pixels[p] = (1 - alpha) * pixels[p] + alpha * _colour[label][ch];
                }
            }
        }

        for (var p = 0; p < pixels.Length; p++)
            destination[offset + p] = (float)Math.Clamp(pixels[p] + 0.04 * random.Gaussian(), 0.0, 1.0);
    }

    private static bool Inside(int shape, double u, double v, double frequency)
    {
        if (Math.Abs(u) > 1 || Math.Abs(v) > 1) return false;
        var r2 = u * u + v * v;
        return shape switch
        {
            0 => true,
            1 => r2 <= 1,
            2 => r2 <= 1 && r2 >= 0.2,
            3 => Math.Abs(u) <= 0.3 || Math.Abs(v) <= 0.3,
            4 => Math.Sin(frequency * Math.PI * v) > 0,
            5 => Math.Sin(frequency * Math.PI * u) > 0,
            6 => Math.Sin(frequency * Math.PI * (u + v) / 1.4) > 0,
            7 => Math.Sin(frequency * Math.PI * u) * Math.Sin(frequency * Math.PI * v) > 0,
            8 => Math.Abs(u) <= (v + 1) / 2,
            9 => Math.Abs(u) + Math.Abs(v) <= 1,
            _ => Math.Max(Math.Abs(u), Math.Abs(v)) >= 0.6,
        };
    }

    private static double[] Colour(SeededRandom random)
    {
        var colour = new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() };
        var max = colour.Max();
        var brightest = random.Next(3);
        colour[brightest] = Math.Max(colour[brightest], 0.6);
        return max < 0.3 ? colour.Select(c => c + 0.3).ToArray() : colour;
    }
}
