using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// The image encoder of a results table and what goes with it: the paper's ImageNet-pretrained ResNet-50 when the user
/// gives a weights file, otherwise a stand-in trained from scratch.
/// </summary>
/// <param name="Encoder">The encoder specification (it loads the weights into every encoder it creates).</param>
/// <param name="Options">Training settings: <see cref="TrainingOptions.PaperImageRows"/> for the paper's encoder, else the
/// stand-in settings given.</param>
/// <param name="LoadOptions">How prepared image datasets must be loaded for this encoder.</param>
/// <param name="IsPaperEncoder">True for ResNet-50 with the ImageNet stem and the user's weights.</param>
/// <param name="Role">In words, for tables: "paper's encoder: …" or "stand-in: …".</param>
public sealed record ImageEncoderChoice(EncoderSpec Encoder, TrainingOptions Options, PreparedLoadOptions LoadOptions, bool IsPaperEncoder, string Role)
{
    /// <summary>Chooses the image encoder from a <c>ResNetWeights</c> parameter.</summary>
    /// <param name="resNetWeights">A ResNet weights file (torchvision <c>.pth</c>, safetensors, TorchSharp format), or
    /// null / empty for the stand-in.</param>
    /// <param name="standIn">The encoder used without weights.</param>
    /// <param name="standInOptions">Its training settings.</param>
    /// <param name="standInLoadOptions">How prepared image data is loaded for it.</param>
    /// <param name="surrogateData">True when the rows are synthetic [0, 1] images rather than prepared data loaded with
    /// <see cref="LoadOptions"/>: the views are then <see cref="ImageAugmentation"/>'s, which read [0, 1] pixels.</param>
    /// <returns>The choice. With weights: TorchVision's network of the file's depth and stem, the paper's settings and
    /// the ImageNet preprocessing at 224 × 224 (the file's ImageNet statistics expect it).</returns>
    /// <exception cref="FileNotFoundException">The weights file is missing.</exception>
    /// <exception cref="WeightsFileException">The file is unreadable or not a ResNet-18/50 (checked once, here).</exception>
    public static ImageEncoderChoice For(string? resNetWeights, EncoderSpec standIn, TrainingOptions standInOptions, PreparedLoadOptions? standInLoadOptions = null, bool surrogateData = false)
    {
        ArgumentNullException.ThrowIfNull(standIn);
        ArgumentNullException.ThrowIfNull(standInOptions);
        if (string.IsNullOrWhiteSpace(resNetWeights))
            return new(standIn, standInOptions, standInLoadOptions ?? new PreparedLoadOptions(), false,
                $"stand-in: {standIn.Name}, trained from scratch (no ResNetWeights given; the paper uses an ImageNet-pretrained ResNet-50)");
        var (depth, stem) = ResNetWeights.Inspect(resNetWeights);
        var spec = EncoderSpec.TorchVision(depth, stem, resNetWeights);
        var paper = depth == ResNetDepth.ResNet50 && stem == ResNetStem.ImageNet;
        var role = paper
            ? $"paper's encoder: {spec.Name}"
            : $"stand-in: {spec.Name} (the file is not an ImageNet-stem ResNet-50, the paper's encoder)";
        if (surrogateData) role += "; on surrogate images, not the paper's data";
        var options = stem == ResNetStem.ImageNet && !surrogateData
            ? TrainingOptions.PaperImageRows
            : TrainingOptions.PaperImageRows with { Augmentation = ImageAugmentation.SimClr() };
        var load = stem == ResNetStem.ImageNet ? PreparedLoadOptions.ImageNet : standInLoadOptions ?? new PreparedLoadOptions();
        return new(spec, options, load, paper, role);
    }

    /// <summary>How prepared image datasets must be loaded for a <c>ResNetWeights</c> parameter, before any encoder is
    /// built: the ImageNet preprocessing at 224 × 224 for a file with the ImageNet stem, null (the caller's own) without
    /// a file or for a small-image-stem file. The same rule as <see cref="For"/>'s <see cref="LoadOptions"/>.</summary>
    /// <param name="resNetWeights">A ResNet weights file, or null / empty.</param>
    /// <exception cref="FileNotFoundException">The weights file is missing.</exception>
    /// <exception cref="WeightsFileException">The file is unreadable or not a ResNet-18/50.</exception>
    public static PreparedLoadOptions? LoadOptionsFor(string? resNetWeights)
    {
        if (string.IsNullOrWhiteSpace(resNetWeights)) return null;
        return ResNetWeights.Inspect(resNetWeights).Stem == ResNetStem.ImageNet ? PreparedLoadOptions.ImageNet : null;
    }
}
