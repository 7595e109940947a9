namespace MultiLabelContrastive.Training;

/// <summary>The optimizer of every stage.</summary>
public enum OptimizerKind
{
    /// <summary>AdamW (Loshchilov &amp; Hutter 2019): decoupled weight decay, θ ← θ − lr·(m̂/(√v̂ + ε) + λθ).</summary>
    AdamW,

    /// <summary>Adam with L2 weight decay added to the gradient (g + λθ), as PyTorch's Adam and MulSupCon use it.</summary>
    Adam,

    /// <summary>SGD with momentum μ = <see cref="TrainingOptions.Momentum"/> and L2 weight decay added to the gradient, as
    /// PyTorch's SGD: v ← μv + (g + λθ), θ ← θ − lr·v. The paper's optimizer for the ResNet-50 image rows.</summary>
    Sgd,
}
