using MultiLabelContrastive.Pretrained.Tokenization;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// Opens a Llama checkpoint folder as the hub ships it (config.json with model_type "llama"; model.safetensors or
/// bf16/f16/f32 shards with model.safetensors.index.json, read shard by shard; or pytorch_model.bin) into a
/// <see cref="LlamaEncoder"/>, optionally with a PEFT LoRA adapter folder on top.
/// </summary>
/// <example><code>
/// using var encoder = LlamaCheckpoint.Open("/models/Llama-3.1-8B", ScalarType.BFloat16);
/// var tokenizer = Llama3Tokenizer.FromFolder(CheckpointFolder.Open("/models/Llama-3.1-8B"));
/// var h = encoder.call(tokenizer.EncodeBatch(["Chest pain radiating to the left arm."], 512).IdsTensor());   // 1 × 4096 float32
/// </code></example>
public static class LlamaCheckpoint
{
    /// <summary>LlamaForCausalLM's keys → the encoder's: <c>lm_head.weight</c> ignored, <c>model.*</c> kept; the keys of a
    /// bare LlamaModel checkpoint (no <c>model.</c> prefix) get it.</summary>
    public static Func<string, string?> KeyMap { get; } = KeyMapping.Chain(
        KeyMapping.Ignore("lm_head."),
        key => key.StartsWith("model.", StringComparison.Ordinal) ? key : "model." + key);

    /// <summary>Loads the folder's weights into a new encoder.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="dtype">Dtype of the encoder's weights (the checkpoint's tensors are converted): Float32, BFloat16 or Float16.</param>
    /// <param name="pooling">Pooling to h.</param>
    /// <exception cref="CheckpointException">The folder is missing, incomplete (a missing shard), not a Llama (unknown
    /// model_type), or its weights do not fit the config (missing, unexpected or mis-shaped keys); nothing is returned.</exception>
    public static LlamaEncoder Open(string folder, ScalarType dtype = ScalarType.Float32, TokenPooling pooling = TokenPooling.LastToken)
    {
        var checkpoint = CheckpointFolder.Open(folder);
        var config = LlamaConfig.From(checkpoint.Config);
        var encoder = new LlamaEncoder(config, dtype, pooling);
        try
        {
            CheckpointLoader.Load(encoder, checkpoint, KeyMap, dtype);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Loads the folder and a PEFT adapter folder (adapter_config.json + adapter_model.safetensors) on top; the
    /// base weights end frozen, the adapters trainable.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="adapterFolder">The adapter folder.</param>
    /// <param name="dtype">Dtype of the base weights; the adapters stay float32.</param>
    /// <param name="pooling">Pooling to h.</param>
    /// <exception cref="CheckpointException">Either folder does not fit; nothing is returned.</exception>
    public static LlamaEncoder Open(string folder, string adapterFolder, ScalarType dtype = ScalarType.Float32, TokenPooling pooling = TokenPooling.LastToken)
    {
        var encoder = Open(folder, dtype, pooling);
        try
        {
            encoder.LoadAdapter(adapterFolder);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}
