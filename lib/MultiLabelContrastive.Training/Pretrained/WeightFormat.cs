namespace MultiLabelContrastive.Pretrained;

/// <summary>How a checkpoint folder stores its tensors.</summary>
public enum WeightFormat
{
    /// <summary>One or more <c>.safetensors</c> files (<c>model.safetensors</c>, or shards listed by
    /// <c>model.safetensors.index.json</c>).</summary>
    Safetensors,

    /// <summary>PyTorch's zip pickle written by <c>torch.save(state_dict)</c> (<c>pytorch_model.bin</c>, or shards listed by
    /// <c>pytorch_model.bin.index.json</c>).</summary>
    PyTorchPickle,
}
