using MultiLabelContrastive.Data;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// An encoder architecture without its data-dependent sizes: <see cref="Create"/> reads the feature count, vocabulary
/// size or token length from a dataset. Each call creates fresh weights from torch's global generator, so seeding it
/// first (the trainer does) fixes them.
/// </summary>
/// <example><code>
/// var result = Experiment.Run(yeast, EncoderSpec.MulSupConMlp(), ContrastiveLoss.MulSupCon(0.1), TrainingOptions.MulSupConYeast);
/// </code></example>
public sealed class EncoderSpec
{
    private readonly Func<MultiLabelDataset, Encoder> factory;

    /// <summary>Creates a specification from a name and a factory.</summary>
    /// <param name="name">Name shown in tables, e.g. "MLP 256-512-256".</param>
    /// <param name="input">The input kind the encoder reads.</param>
    /// <param name="factory">Builds the encoder for a dataset.</param>
    public EncoderSpec(string name, InputKind input, Func<MultiLabelDataset, Encoder> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        Input = input;
        this.factory = factory;
    }

    /// <summary>Name shown in tables.</summary>
    public string Name { get; }

    /// <summary>The input kind the encoder reads.</summary>
    public InputKind Input { get; }

    /// <summary>Builds the encoder for a dataset.</summary>
    /// <param name="dataset">The dataset whose input kind and sizes the encoder must fit.</param>
    /// <exception cref="ArgumentException">The dataset's input kind is not the encoder's.</exception>
    public Encoder Create(MultiLabelDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Kind != Input)
            throw new ArgumentException($"Encoder '{Name}' reads {Input} inputs but dataset '{dataset.Name}' holds {dataset.Kind}.", nameof(dataset));
        return factory(dataset);
    }

    /// <summary>The MulSupCon vector backbone: F → 256 → 512 → 256, ReLU, dropout 0.2.</summary>
    /// <param name="dropout">Dropout probability.</param>
    public static EncoderSpec MulSupConMlp(double dropout = 0.2) =>
        new($"MLP 256-512-256 (dropout {dropout})", InputKind.Vector, d => Encoders.Mlp.MulSupCon(d.RowShape[0], dropout));

    /// <summary>An MLP with the given layer widths.</summary>
    /// <param name="hiddenSizes">Width of each layer.</param>
    /// <param name="dropout">Dropout probability.</param>
    public static EncoderSpec Mlp(IReadOnlyList<long> hiddenSizes, double dropout = 0.2)
    {
        var sizes = hiddenSizes.ToArray();
        return new($"MLP {string.Join("-", sizes)} (dropout {dropout})", InputKind.Vector, d => new Mlp(d.RowShape[0], sizes, dropout));
    }

    /// <summary>A text CNN (token datasets).</summary>
    /// <param name="embeddingSize">Embedding size.</param>
    /// <param name="filters">Filters per kernel width.</param>
    /// <param name="kernelWidths">Kernel widths (null: 3, 4, 5).</param>
    /// <param name="dropout">Dropout on the pooled features.</param>
    public static EncoderSpec TextCnn(long embeddingSize = 128, long filters = 100, IReadOnlyList<long>? kernelWidths = null, double dropout = 0.2)
    {
        var widths = (kernelWidths ?? [3, 4, 5]).ToArray();
        return new($"TextCNN e{embeddingSize} w{string.Join("/", widths)}×{filters}", InputKind.Tokens,
            d => new TextCnn(VocabularyOf(d), embeddingSize, widths, filters, dropout));
    }

    /// <summary>A small Transformer encoder (token datasets); its maximum length is the dataset's token row length.</summary>
    /// <param name="modelSize">Model size d.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="layers">Encoder layers.</param>
    /// <param name="pooling">Mean or classification-token pooling.</param>
    /// <param name="positions">Sinusoidal or learned positions.</param>
    /// <param name="dropout">Dropout.</param>
    public static EncoderSpec Transformer(long modelSize = 128, long heads = 4, long layers = 2,
        TransformerPooling pooling = TransformerPooling.Mean, PositionalEncoding positions = PositionalEncoding.Sinusoidal, double dropout = 0.1) =>
        new($"Transformer d{modelSize} h{heads} ×{layers} {pooling}", InputKind.Tokens,
            d => new SmallTransformer(VocabularyOf(d), d.RowShape[0], modelSize, heads, layers, 2 * modelSize, dropout, pooling, positions));

    /// <summary>ResNet-18 (image datasets): TorchVision's <c>resnet18</c> at width 64, a <see cref="NarrowResNet"/> below.</summary>
    /// <param name="smallImages">Small-image stem (32 × 32 inputs).</param>
    /// <param name="width">First-stage channels: 64 (the paper's network, TorchVision) or a narrower CPU stand-in.</param>
    public static EncoderSpec ResNet18(bool smallImages = true, long width = 64) => width == 64
        ? TorchVision(ResNetDepth.ResNet18, smallImages ? ResNetStem.SmallImage : ResNetStem.ImageNet)
        : new($"ResNet-18{(smallImages ? " small-image stem" : "")} width {width} (narrow stand-in)", InputKind.Image, _ => NarrowResNet.ResNet18(smallImages, width));

    /// <summary>ResNet-50 (image datasets): TorchVision's <c>resnet50</c> at width 64, a <see cref="NarrowResNet"/> below.</summary>
    /// <param name="smallImages">Small-image stem (32 × 32 inputs).</param>
    /// <param name="width">First-stage channels: 64 (the paper's network, TorchVision) or a narrower CPU stand-in.</param>
    public static EncoderSpec ResNet50(bool smallImages = false, long width = 64) => width == 64
        ? TorchVision(ResNetDepth.ResNet50, smallImages ? ResNetStem.SmallImage : ResNetStem.ImageNet)
        : new($"ResNet-50{(smallImages ? " small-image stem" : "")} width {width} (narrow stand-in)", InputKind.Image, _ => NarrowResNet.ResNet50(smallImages, width));

    /// <summary>TorchVision's ResNet-18 or ResNet-50 without its classifier (<see cref="TorchVisionResNet"/>), optionally
    /// starting from a weights file (torchvision <c>.pth</c>, safetensors, TorchSharp format; strict checks, see
    /// <see cref="ResNetWeights"/>). The file is read for every encoder created, so each run starts from the same weights.</summary>
    /// <param name="depth">ResNet-18 or ResNet-50.</param>
    /// <param name="stem">ImageNet stem (224 × 224) or small-image stem (32 × 32).</param>
    /// <param name="weightsFile">Weights to start from; null: torchvision's random initialisation.</param>
    /// <exception cref="FileNotFoundException">The weights file is missing (checked here, before any training).</exception>
    public static EncoderSpec TorchVision(ResNetDepth depth, ResNetStem stem = ResNetStem.ImageNet, string? weightsFile = null)
    {
        if (weightsFile is not null && !File.Exists(weightsFile))
            throw new FileNotFoundException($"ResNet weights file '{weightsFile}' does not exist.", weightsFile);
        var name = $"{(depth == ResNetDepth.ResNet18 ? "ResNet-18" : "ResNet-50")} (TorchVision{(stem == ResNetStem.SmallImage ? ", small-image stem" : "")}" +
                   $"{(weightsFile is null ? "" : $", weights {Path.GetFileName(weightsFile)}")})";
        return new(name, InputKind.Image, _ =>
        {
            var model = new TorchVisionResNet(depth, stem);
            if (weightsFile is null) return model;
            try
            {
                ResNetWeights.Load(model, weightsFile);
            }
            catch
            {
                model.Dispose();
                throw;
            }
            return model;
        });
    }

    /// <summary>A CPU-sized default per input kind: the MulSupCon MLP (vectors), a Kim text CNN with 64 filters per width
    /// (tokens), a narrow ResNet-18 with the small-image stem at width 16 (images; TorchVision's width 64 is about 16 times the
    /// arithmetic).</summary>
    /// <param name="kind">Input kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static EncoderSpec Default(InputKind kind) => kind switch
    {
        InputKind.Vector => MulSupConMlp(),
        InputKind.Tokens => TextCnn(embeddingSize: 128, filters: 64),
        InputKind.Image => ResNet18(smallImages: true, width: 16),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <inheritdoc />
    public override string ToString() => Name;

    private static long VocabularyOf(MultiLabelDataset dataset) =>
        dataset.VocabularySize ?? throw new ArgumentException($"Dataset '{dataset.Name}' has no vocabulary size.", nameof(dataset));
}
