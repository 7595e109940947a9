using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Pretrained.Lora;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// <see cref="EncoderSpec"/>s for a Llama checkpoint folder, for <c>Experiment.Run</c> and the two-stage trainer: stage 1
/// fine-tunes the LoRA adapters (and the projection head), stage 2 trains the linear probe on the frozen encoder.
/// </summary>
/// <example><code>
/// var spec = LlamaEncoderSpec.WithLora("/models/Llama-3.1-8B");            // r 16, α 32, dropout 0.1 on q_proj, v_proj
/// var result = Experiment.Run(aapd, spec, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07), LlamaPresets.Paper);
/// </code></example>
public static class LlamaEncoderSpec
{
    /// <summary>The checkpoint with LoRA adapters: fresh ones (<paramref name="lora"/>) or those of a PEFT folder
    /// (<paramref name="adapterFolder"/>, e.g. one saved by an earlier run, trained further).</summary>
    /// <param name="folder">The Llama checkpoint folder.</param>
    /// <param name="adapterFolder">A PEFT adapter folder to start from (null: fresh adapters).</param>
    /// <param name="lora">Settings of fresh adapters (null: <see cref="LoraOptions.Llama"/>); ignored with an adapter folder.</param>
    /// <param name="dtype">Dtype of the base weights (null: BFloat16 when CUDA is available, as in the paper, else Float32:
    /// bfloat16 matrix products are slow on most CPUs).</param>
    /// <param name="pooling">Pooling to h.</param>
    /// <param name="padId">Padding id of the dataset's rows (null: see <see cref="LlamaEncoder"/>).</param>
    public static EncoderSpec WithLora(string folder, string? adapterFolder = null, LoraOptions? lora = null, ScalarType? dtype = null,
        TokenPooling pooling = TokenPooling.LastToken, long? padId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var options = lora ?? LoraOptions.Llama;
        options.Validate();
        var adapterText = adapterFolder is null ? options.ToString() : $"adapter {Path.GetFileName(Path.TrimEndingDirectorySeparator(adapterFolder))}";
        return new EncoderSpec($"Llama {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} + {adapterText} ({Dtype(dtype)}, {pooling})", InputKind.Tokens,
            dataset =>
            {
                var encoder = Create(folder, dataset, dtype, pooling, padId);
                try
                {
                    if (adapterFolder is null) encoder.AttachLora(options);
                    else encoder.LoadAdapter(adapterFolder);
                    return encoder;
                }
                catch
                {
                    encoder.Dispose();
                    throw;
                }
            });
    }

    /// <summary>The checkpoint with every weight trained (no adapters; memory-hungry for 8B models).</summary>
    /// <param name="folder">The Llama checkpoint folder.</param>
    /// <param name="dtype">Dtype of the weights (null: as in <see cref="WithLora"/>).</param>
    /// <param name="pooling">Pooling to h.</param>
    /// <param name="padId">Padding id of the dataset's rows (null: see <see cref="LlamaEncoder"/>).</param>
    public static EncoderSpec FullFineTuning(string folder, ScalarType? dtype = null, TokenPooling pooling = TokenPooling.LastToken, long? padId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return new EncoderSpec($"Llama {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} full fine-tuning ({Dtype(dtype)}, {pooling})", InputKind.Tokens,
            dataset => Create(folder, dataset, dtype, pooling, padId));
    }

    private static LlamaEncoder Create(string folder, MultiLabelDataset dataset, ScalarType? dtype, TokenPooling pooling, long? padId)
    {
        var checkpoint = CheckpointFolder.Open(folder);
        var config = LlamaConfig.From(checkpoint.Config);
        if (dataset.VocabularySize is { } v && v > config.VocabularySize)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Dataset '{dataset.Name}' has token ids up to {v - 1} but the Llama vocabulary of '{folder}' has {config.VocabularySize}: tokenize the texts with this checkpoint's tokenizer (Llama3Tokenizer)."),
                nameof(dataset));
        var encoder = new LlamaEncoder(config, dtype ?? DefaultDtype(), pooling, padId);
        try
        {
            CheckpointLoader.Load(encoder, checkpoint, LlamaCheckpoint.KeyMap, encoder.Dtype);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private static ScalarType DefaultDtype() => cuda.is_available() ? ScalarType.BFloat16 : ScalarType.Float32;

    private static string Dtype(ScalarType? dtype) => dtype?.ToString() ?? "bf16 on CUDA, else f32";
}
