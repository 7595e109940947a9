using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.PlmIcd;

/// <summary>
/// PLM-ICD's label-wise attention classifier (Huang et al. 2022, after LAAT): for token states H (N × T × h),
/// Z = tanh(H W₁ᵀ) (N × T × d_a), attention A = softmax over positions of Z W₂ᵀ (N × T × C), one vector per label
/// V = Aᵀ H (N × C × h), and logit_c = w₃,c · V_c + b₃,c. The module names (<c>first_linear</c>, <c>second_linear</c>,
/// <c>third_linear</c>) are PLM-ICD's, so its checkpoints' head keys match.
/// </summary>
/// <remarks>
/// One deviation, for fixed-size rows: positions whose state is exactly zero (the padding that
/// <see cref="PlmIcdEncoder"/> zeroes) get no attention. PLM-ICD's collator pads a batch only to its longest document and
/// attends to that padding; our rows are padded to the full 3,072 tokens, where attending to padding would dilute every
/// label's vector. A row with no real token attends uniformly (and gets zero vectors), never NaN.
/// </remarks>
#pragma warning disable IDE1006 // Field names are PLM-ICD's module names.
public sealed class LabelWiseAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear first_linear;
    private readonly Linear second_linear;
    private readonly Linear third_linear;
#pragma warning restore IDE1006

    /// <summary>Creates the classifier with PyTorch's default initialisation.</summary>
    /// <param name="hiddenSize">h, the encoder's hidden size.</param>
    /// <param name="attentionSize">d_a, the attention projection size.</param>
    /// <param name="labelCount">C.</param>
    public LabelWiseAttention(long hiddenSize, long attentionSize, long labelCount) : base(nameof(LabelWiseAttention))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attentionSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(labelCount, 1);
        first_linear = nn.Linear(hiddenSize, attentionSize, hasBias: false);
        second_linear = nn.Linear(attentionSize, labelCount, hasBias: false);
        third_linear = nn.Linear(hiddenSize, labelCount);
        RegisterComponents();
    }

    /// <summary>N × T × h token states (zero at padding) → N × C logits.</summary>
    /// <param name="states">N × T × h.</param>
    public override Tensor forward(Tensor states)
    {
        if (states.dim() != 3)
            throw new ArgumentException($"Expected N × T × h token states, got shape [{string.Join(", ", states.shape)}].", nameof(states));
        using var scope = NewDisposeScope();
        var padding = states.eq(0).all(-1, keepdim: true);                                        // N × T × 1
        var scores = second_linear.call(tanh(first_linear.call(states)));                          // N × T × C
        var attention = scores.masked_fill(padding, Bert.BertEncoder.LowestOf(scores.dtype)).softmax(1).transpose(1, 2); // N × C × T
        var perLabel = attention.matmul(states);                                                   // N × C × h
        return ((third_linear.weight! * perLabel).sum(2) + third_linear.bias!).MoveToOuterDisposeScope();
    }
}
