// Shared by the results notebooks 10–16, loaded right after their parameters cell (`#load "results.csx"`): the
// parameters above become the options of the one results runner (MultiLabelContrastive.Reproduction.TablePlan).
// Each notebook keeps what differs: its table, its prose, its verdict. (A loaded script sees only its own usings.)
using MultiLabelContrastive.Reproduction;
using MultiLabelContrastive.Training;

string? OrNull(string path) => string.IsNullOrWhiteSpace(path) ? null : path;

var options = new TableRunOptions
{
    Size = RunSizes.From(Quick, Full),
    DataRoot = DataRoot,
    Seeds = Seeds,
    PretrainEpochs = PretrainEpochs,
    ProbeEpochs = ProbeEpochs,
    Optimizer = Optimizer,
    PretrainLearningRate = PretrainLearningRate,
    ProbeLearningRate = ProbeLearningRate,
    WeightDecay = WeightDecay,
    BatchSize = BatchSize,
    Temperature = Temperature,
    MaxRowsPerSplit = MaxRowsPerSplit,
    TextLength = TextLength,
    PaperTextLearningRate = PaperTextLearningRate,
    PaperTextProbeLearningRate = PaperTextProbeLearningRate,
    PaperTextWeightDecay = PaperTextWeightDecay,
    PaperTextBatchSize = PaperTextBatchSize,
    PaperTextAccumulation = PaperTextAccumulation,
    ResNetWeights = OrNull(ResNetWeights),
    RobertaFolder = OrNull(RobertaFolder),
    LlamaFolder = OrNull(LlamaFolder),
    PlmIcdFolder = OrNull(PlmIcdFolder),
    ResultsStore = OrNull(ResultsStore),
    Losses = TableRunOptions.Names(Losses),
    Datasets = TableRunOptions.Names(Datasets),
    MetricsOut = OrNull(MetricsOut),
};
