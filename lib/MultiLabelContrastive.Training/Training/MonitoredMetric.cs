namespace MultiLabelContrastive.Training;

/// <summary>
/// The validation number that early stopping and best-epoch selection follow in the supervised stages (linear probe and
/// BCE baseline). Contrastive pretraining always follows the validation contrastive loss.
/// </summary>
public enum MonitoredMetric
{
    /// <summary>mAP on the validation split (higher is better).</summary>
    MeanAveragePrecision,

    /// <summary>micro-F1 at the fixed threshold 0.5 on the validation split (higher is better).</summary>
    MicroF1,

    /// <summary>MacroF1Mean at the fixed threshold 0.5 on the validation split (higher is better).</summary>
    MacroF1Mean,

    /// <summary>macro ROC-AUC on the validation split (higher is better).</summary>
    MacroAuc,

    /// <summary>Binary cross-entropy on the validation split (lower is better).</summary>
    ValidationLoss,
}
