namespace MultiLabelContrastive.Training;

/// <summary>The optimizer of every stage.</summary>
public enum OptimizerKind
{
    /// <summary>AdamW (Loshchilov &amp; Hutter 2019): decoupled weight decay, θ ← θ − lr·(m̂/(√v̂ + ε) + λθ).</summary>
    AdamW,

    /// <summary>Adam with L2 weight decay added to the gradient (g + λθ), as PyTorch's Adam and MulSupCon use it.</summary>
    Adam,
}
