using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Lora;

/// <summary>
/// One LoRA adapter attached to a linear layer: <c>lora_A</c> (in → r, no bias) and <c>lora_B</c> (r → out, no bias, zero
/// at creation) registered as children of the layer — so its state-dict keys are <c>&lt;path&gt;.lora_A.weight</c> and
/// <c>&lt;path&gt;.lora_B.weight</c>, PEFT's keys — and a forward hook adding scaling · B A dropout(x) to the layer's output.
/// </summary>
/// <remarks>The adapter is float32 whatever the base layer's dtype (as PEFT's autocast_adapter_dtype): x is cast up, the
/// product cast back to the output's dtype. After <see cref="Merge"/> the hook adds nothing.</remarks>
public sealed class LoraLayer
{
    private readonly TorchSharp.Modules.Linear target;
    private readonly nn.Module<Tensor, Tensor> dropout;

    internal LoraLayer(string path, TorchSharp.Modules.Linear target, LoraOptions options)
    {
        Path = path;
        this.target = target;
        Scaling = options.Scaling;
        var weight = target.weight!;
        var (outSize, inSize) = (weight.shape[0], weight.shape[1]);
        A = nn.Linear(inSize, options.Rank, hasBias: false, device: weight.device, dtype: ScalarType.Float32); // Kaiming-uniform (a = √5), as PEFT
        B = nn.Linear(options.Rank, outSize, hasBias: false, device: weight.device, dtype: ScalarType.Float32);
        using (no_grad()) B.weight!.zero_();
        dropout = options.Dropout > 0 ? nn.Dropout(options.Dropout) : nn.Identity();
        target.register_module("lora_A", A);
        target.register_module("lora_B", B);
        target.register_module("lora_dropout", dropout);
        target.register_forward_hook((_, input, output) => IsMerged ? output : output + Delta(input).to_type(output.dtype));
    }

    /// <summary>Dotted path of the adapted layer in the model, e.g. "model.layers.0.self_attn.q_proj".</summary>
    public string Path { get; }

    /// <summary>A: r × in.</summary>
    public TorchSharp.Modules.Linear A { get; }

    /// <summary>B: out × r.</summary>
    public TorchSharp.Modules.Linear B { get; }

    /// <summary>α / r (or α / √r).</summary>
    public double Scaling { get; }

    /// <summary>Whether B A is folded into the base weight.</summary>
    public bool IsMerged { get; private set; }

    /// <summary>The base layer.</summary>
    public TorchSharp.Modules.Linear Target => target;

    /// <summary>W ← W + scaling · B A (in the base weight's dtype); the hook then adds nothing.</summary>
    public void Merge()
    {
        if (IsMerged) return;
        using (no_grad())
        using (NewDisposeScope())
            target.weight!.add_(DeltaWeight().to_type(target.weight!.dtype));
        IsMerged = true;
    }

    /// <summary>W ← W − scaling · B A; the hook adds the adapter again.</summary>
    public void Unmerge()
    {
        if (!IsMerged) return;
        using (no_grad())
        using (NewDisposeScope())
            target.weight!.sub_(DeltaWeight().to_type(target.weight!.dtype));
        IsMerged = false;
    }

    private Tensor DeltaWeight() => B.weight!.matmul(A.weight!) * Scaling;

    private Tensor Delta(Tensor input) => B.call(A.call(dropout.call(input.to_type(ScalarType.Float32)))) * Scaling;
}
