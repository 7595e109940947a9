namespace MultiLabelContrastive.Training;

/// <summary>The stages of an experiment; each has its own log rows, checkpoint folder and seed offset.</summary>
public enum TrainingStage
{
    /// <summary>Stage 1: contrastive pretraining of encoder + projection head.</summary>
    Pretrain,

    /// <summary>Stage 2: a linear classifier with BCE on the frozen encoder.</summary>
    Probe,

    /// <summary>The end-to-end BCE baseline with the same encoder architecture.</summary>
    Baseline,
}
