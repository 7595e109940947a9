namespace MultiLabelContrastive.Pretrained;

/// <summary>What <see cref="CheckpointLoader.Load(TorchSharp.torch.nn.Module, CheckpointFolder, Func{string, string?}, TorchSharp.torch.ScalarType, Func{string, bool}?)"/>
/// did.</summary>
/// <param name="Loaded">Module keys that received a checkpoint tensor.</param>
/// <param name="Ignored">Published keys the mapping ignored (e.g. <c>lm_head.*</c>).</param>
/// <param name="LeftAsTheyWere">Module keys the checkpoint does not hold and the caller allowed to be missing (e.g. LoRA
/// adapters, a fresh head).</param>
/// <param name="Files">The weight files read, in order.</param>
/// <param name="BytesRead">Tensor bytes read from the files.</param>
public sealed record CheckpointLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Ignored,
    IReadOnlyList<string> LeftAsTheyWere,
    IReadOnlyList<string> Files,
    long BytesRead);
