namespace MultiLabelContrastive.Encoders;

/// <summary>The file formats <see cref="StateDictFile"/> reads, told apart by their first bytes.</summary>
public enum WeightsFormat
{
    /// <summary>PyTorch's zip serialisation (<c>torch.save</c> since 1.6; torchvision's <c>resnet50-*.pth</c>, Hugging
    /// Face <c>pytorch_model.bin</c>), read through TorchSharp.PyBridge's unpickler.</summary>
    PyTorchZip,

    /// <summary>safetensors (8-byte header length, JSON header, raw tensors), read through TorchSharp.PyBridge.</summary>
    Safetensors,

    /// <summary>TorchSharp's own <c>module.save</c> format (entry count, then name and tensor per entry).</summary>
    TorchSharp,
}
