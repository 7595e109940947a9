using MultiLabelContrastive.Internal;
using MultiLabelContrastive.Relations;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// A multi-label supervised contrastive loss, one fixed forward for all of them: the shared log-probabilities
/// <see cref="ContrastiveLogProb"/>, weighted by a loss-specific <see cref="IPositiveWeights"/> built from label
/// algebra, reduced by a <see cref="LossReducer"/> (by default the mean over the anchors, or MulSupCon rows, that
/// have at least one positive): loss = (−Σ_ij W_ij ℓ_ij + Σ_i LabelOnlyTerm_i) / Normalizer.
/// </summary>
/// <remarks>
/// <para>Input: embeddings M×D (float32 or float64, any device; two views of N samples are simply M = 2N rows
/// carrying the same labels) and multi-hot labels M×C. Embeddings are L2-normalised inside.</para>
/// <para>Unlike SupContrast's reference code, anchors without a positive are excluded from the mean (not
/// counted as zero), and no τ/base-τ rescaling is applied. A batch where nothing counts returns 0 with a zero
/// gradient. See docs/MATH.md for every definition.</para>
/// <example><code>
/// var loss = ContrastiveLoss.SimilarityDissimilarity(SdForm.Weighted, temperature: 0.07);
/// var result = loss.Compute(embeddings, labels);   // result.Loss.backward(); result.AnchorsCounted
/// </code></example>
/// </remarks>
public sealed class ContrastiveLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>The journal setup's temperature, 0.07 (MulSupCon's own default is 0.1).</summary>
    public const double DefaultTemperature = 0.07;

    private ContrastiveLoss(IPositiveWeights weights, double temperature, LossReducer? reducer = null) : base(weights.Name)
    {
        TensorArgs.Temperature(temperature, nameof(temperature));
        Weights = weights;
        Temperature = temperature;
        Reducer = reducer ?? LossReducer.MeanOverCounted;
    }

    /// <summary>The weight builder that defines this loss.</summary>
    public IPositiveWeights Weights { get; }

    /// <summary>τ.</summary>
    public double Temperature { get; }

    /// <summary>How units are averaged (<see cref="LossReducer.MeanOverCounted"/> unless <see cref="With"/> chose another).</summary>
    public LossReducer Reducer { get; }

    /// <summary>The same loss with another reducer, e.g. SupContrast's <see cref="LossReducer.MeanOverAll"/>.</summary>
    /// <param name="reducer">How units are averaged.</param>
    public ContrastiveLoss With(LossReducer reducer)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        return new(Weights, Temperature, reducer);
    }

    /// <summary>SupCon's ALL rule.</summary>
    /// <param name="temperature">τ &gt; 0.</param>
    public static ContrastiveLoss All(double temperature = DefaultTemperature) => new(new AllWeights(), temperature);

    /// <summary>SupCon's ANY rule.</summary>
    /// <param name="temperature">τ &gt; 0.</param>
    public static ContrastiveLoss Any(double temperature = DefaultTemperature) => new(new AnyWeights(), temperature);

    /// <summary>MulSupCon, optionally with the reference code's per-sample weight.</summary>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="perSampleWeight">Weight rows by 1 / (|S_i| · M) instead of the mean over rows.</param>
    public static ContrastiveLoss MulSupCon(double temperature = DefaultTemperature, bool perSampleWeight = false) =>
        new(new MulSupConWeights(perSampleWeight), temperature);

    /// <summary>The Similarity-Dissimilarity loss in the given form.</summary>
    /// <param name="form">Literal (Eq. 13 as printed), Weighted or WeightedNormalized.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="factor">The paper's K (default) or the Jaccard option.</param>
    public static ContrastiveLoss SimilarityDissimilarity(SdForm form, double temperature = DefaultTemperature, SdFactor factor = SdFactor.Paper) =>
        new(form switch
        {
            SdForm.Literal => new SdLiteralWeights(factor),
            SdForm.Weighted => new SdWeightedWeights(factor),
            SdForm.WeightedNormalized => new SdWeightedNormalizedWeights(factor),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown SD form."),
        }, temperature);

    /// <summary>Any loss by its <see cref="LossKind"/>.</summary>
    /// <param name="kind">The loss.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    public static ContrastiveLoss Create(LossKind kind, double temperature = DefaultTemperature) => kind switch
    {
        LossKind.All => All(temperature),
        LossKind.Any => Any(temperature),
        LossKind.MulSupCon => MulSupCon(temperature),
        LossKind.MulSupConPerSampleWeight => MulSupCon(temperature, perSampleWeight: true),
        LossKind.SdLiteral => SimilarityDissimilarity(SdForm.Literal, temperature),
        LossKind.SdWeighted => SimilarityDissimilarity(SdForm.Weighted, temperature),
        LossKind.SdWeightedNormalized => SimilarityDissimilarity(SdForm.WeightedNormalized, temperature),
        LossKind.SdJaccardLiteral => SimilarityDissimilarity(SdForm.Literal, temperature, SdFactor.Jaccard),
        LossKind.SdJaccardWeighted => SimilarityDissimilarity(SdForm.Weighted, temperature, SdFactor.Jaccard),
        LossKind.SdJaccardWeightedNormalized => SimilarityDissimilarity(SdForm.WeightedNormalized, temperature, SdFactor.Jaccard),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss kind."),
    };

    /// <summary>Any loss by name ("All", "Any", "MulSupCon", "SdWeighted", …; case-insensitive).</summary>
    /// <param name="name">A <see cref="LossKind"/> name.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    public static ContrastiveLoss Create(string name, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Enum.TryParse<LossKind>(name, ignoreCase: true, out var kind) || int.TryParse(name, out _))
            throw new ArgumentException($"Unknown loss '{name}'. Known: {string.Join(", ", Enum.GetNames<LossKind>())}.", nameof(name));
        return Create(kind, temperature);
    }

    /// <summary>The loss value only (the module's forward).</summary>
    /// <param name="embeddings">M×D raw embeddings.</param>
    /// <param name="labels">M×C multi-hot labels.</param>
    public override Tensor forward(Tensor embeddings, Tensor labels) => Compute(embeddings, labels).Loss;

    /// <summary>The loss over an in-batch set: every row is an anchor and every other row a candidate.</summary>
    /// <param name="embeddings">M×D raw embeddings (float32/float64, finite).</param>
    /// <param name="labels">M×C multi-hot labels (0/1), on the embeddings' device.</param>
    /// <exception cref="ArgumentException">Shapes, dtypes, devices, non-binary labels or non-finite embeddings.</exception>
    public LossResult Compute(Tensor embeddings, Tensor labels)
    {
        ValidateBatch(embeddings, nameof(embeddings), labels, nameof(labels));
        using var scope = NewDisposeScope();
        return Forward(embeddings, embeddings, PairContext.InBatch(labels, embeddings.dtype, nameof(labels)));
    }

    /// <summary>
    /// The loss with a memory queue of past embeddings (MoCo-style): the batch rows are the anchors, and the
    /// candidates are the batch (self pairs excluded) plus the queue, whose embeddings receive no gradient.
    /// </summary>
    /// <param name="embeddings">M×D raw embeddings of the batch.</param>
    /// <param name="labels">M×C labels of the batch.</param>
    /// <param name="queueEmbeddings">Q×D embeddings kept from earlier batches (detached here).</param>
    /// <param name="queueLabels">Q×C labels of the queue.</param>
    public LossResult Compute(Tensor embeddings, Tensor labels, Tensor queueEmbeddings, Tensor queueLabels)
    {
        ValidateBatch(embeddings, nameof(embeddings), labels, nameof(labels));
        ValidateQueue(embeddings, nameof(embeddings), labels, queueEmbeddings, queueLabels);
        using var scope = NewDisposeScope();
        var pairs = PairContext.WithQueue(labels, nameof(labels), queueLabels, nameof(queueLabels), embeddings.dtype);
        return Forward(embeddings, cat([embeddings, queueEmbeddings.detach()], 0), pairs);
    }

    /// <summary>
    /// The loss against a momentum (key) encoder (MoCo-style): the queries are the anchors, and the candidates are the
    /// keys followed by the queue, if any. Key row i is the key encoder's embedding of anchor i's own input; that pair is
    /// left out as a self pair is, so anchor i meets its other view's key, the other rows' keys and the queue. Keys and
    /// queue receive no gradient.
    /// </summary>
    /// <param name="queries">M×D raw embeddings of the batch from the trained encoder.</param>
    /// <param name="labels">M×C labels of the batch (they are the keys' labels too).</param>
    /// <param name="keys">M×D embeddings of the same M inputs from the key encoder (detached here).</param>
    /// <param name="queueEmbeddings">Q×D embeddings kept from earlier batches, or null for none.</param>
    /// <param name="queueLabels">Q×C labels of the queue (null exactly when <paramref name="queueEmbeddings"/> is).</param>
    /// <exception cref="ArgumentException">Shapes, dtypes, devices, non-binary labels, non-finite embeddings, or a queue
    /// given without its labels.</exception>
    public LossResult ComputeWithKeys(Tensor queries, Tensor labels, Tensor keys, Tensor? queueEmbeddings = null, Tensor? queueLabels = null)
    {
        ValidateBatch(queries, nameof(queries), labels, nameof(labels));
        TensorArgs.FiniteFloatMatrix(keys, nameof(keys));
        TensorArgs.SameRows(queries, nameof(queries), keys, nameof(keys));
        TensorArgs.SameColumns(queries, nameof(queries), keys, nameof(keys));
        TensorArgs.SameDevice(queries, nameof(queries), keys, nameof(keys));
        if (keys.dtype != queries.dtype)
            throw new ArgumentException($"keys is {keys.dtype} but queries is {queries.dtype}.", nameof(keys));
        if ((queueEmbeddings is null) != (queueLabels is null))
            throw new ArgumentException("queueEmbeddings and queueLabels must be given together.", queueEmbeddings is null ? nameof(queueEmbeddings) : nameof(queueLabels));
        using var scope = NewDisposeScope();
        if (queueEmbeddings is null) return Forward(queries, keys.detach(), PairContext.InBatch(labels, queries.dtype, nameof(labels)));
        ValidateQueue(queries, nameof(queries), labels, queueEmbeddings, queueLabels!);
        var pairs = PairContext.WithQueue(labels, nameof(labels), queueLabels!, nameof(queueLabels), queries.dtype);
        return Forward(queries, cat([keys.detach(), queueEmbeddings.detach()], 0), pairs);
    }

    // A queue's embeddings and labels fit the batch's anchors: widths, device and dtype (the batch is checked already).
    private static void ValidateQueue(Tensor anchors, string anchorsName, Tensor labels, Tensor queueEmbeddings, Tensor queueLabels)
    {
        ValidateBatch(queueEmbeddings, nameof(queueEmbeddings), queueLabels, nameof(queueLabels));
        TensorArgs.SameColumns(anchors, anchorsName, queueEmbeddings, nameof(queueEmbeddings));
        TensorArgs.SameColumns(labels, nameof(labels), queueLabels, nameof(queueLabels));
        TensorArgs.SameDevice(anchors, anchorsName, queueEmbeddings, nameof(queueEmbeddings));
        if (anchors.dtype != queueEmbeddings.dtype)
            throw new ArgumentException($"queueEmbeddings is {queueEmbeddings.dtype} but {anchorsName} is {anchors.dtype}.", nameof(queueEmbeddings));
    }

    /// <summary>
    /// The weights this loss puts on ℓ for an in-batch set of labels, without any embeddings: what distinguishes
    /// the losses, for tables and teaching. Row i, column j is the weight of ℓ_ij in the batch loss
    /// (−Σ W ⊙ ℓ + label-only term) / Normalizer.
    /// </summary>
    /// <param name="labels">M×C multi-hot labels.</param>
    /// <param name="dtype">Floating dtype of the weights (float64 by default).</param>
    public PositiveWeights Weigh(Tensor labels, ScalarType dtype = ScalarType.Float64)
    {
        TensorArgs.Matrix(labels, nameof(labels));
        using var scope = NewDisposeScope();
        var w = Weights.Build(PairContext.InBatch(labels, dtype, nameof(labels)), Reducer);
        return w with
        {
            Weights = w.Weights.MoveToOuterDisposeScope(),
            LabelOnlyTerm = w.LabelOnlyTerm?.MoveToOuterDisposeScope(),
        };
    }

    /// <summary>The one forward: ℓ, W from the builder and the reducer, −Σ W ⊙ ℓ + label-only term, over the divisor.</summary>
    private LossResult Forward(Tensor anchors, Tensor reference, PairContext pairs)
    {
        var logProb = FastContrastiveLogProb.Compute(anchors, reference, Temperature); // the reducer makes every W_ii = 0
        var w = Weights.Build(pairs, Reducer);
        var total = -w.Weights.view(-1).dot(logProb.view(-1)); // −Σ_ij W_ij ℓ_ij, without an Ma×Mr product in between
        if (w.LabelOnlyTerm is not null) total += w.LabelOnlyTerm.sum();
        var loss = total / w.Normalizer;
        return new LossResult(loss.MoveToOuterDisposeScope(), w.UnitsCounted);
    }

    private static void ValidateBatch(Tensor embeddings, string embeddingsName, Tensor labels, string labelsName)
    {
        TensorArgs.FiniteFloatMatrix(embeddings, embeddingsName);
        TensorArgs.Matrix(labels, labelsName); // 0/1 entries are checked where the labels are read (PairContext)
        TensorArgs.SameRows(embeddings, embeddingsName, labels, labelsName);
        TensorArgs.SameDevice(embeddings, embeddingsName, labels, labelsName);
    }
}
