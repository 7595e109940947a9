using System.Text;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Pretrained.Tests.Bert;
using MultiLabelContrastive.Pretrained.Tests.Llama;
using MultiLabelContrastive.Reproduction;
using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Pretrained.Tests.Runner;

/// <summary>The results runner with the paper's text encoders: a tiny RoBERTa and a tiny Llama (with its tiktoken
/// tokenizer under original/) given as RobertaFolder / LlamaFolder run journal Table IV's AAPD row on a prepared text
/// dataset and on the synthetic profile's texts, with the paper's settings shown in the plan.</summary>
public sealed class ResultsRunnerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-runner-text-").FullName;

    // One thread: the tiny models' runs are dominated by threading overhead on a small shared CPU.
    public ResultsRunnerTests() => TorchSharp.torch.set_num_threads(1);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string PaperResults => Path.Combine(RepositoryRoot.Path, "notebooks", Reproduction.PaperResults.RelativePath);

    /// <summary>Prepared copies (data-scripts' format) of paper datasets, holding their synthetic profiles' texts.</summary>
    private string Prepared(params string[] paperDatasets)
    {
        var dataRoot = Path.Combine(root, "data");
        foreach (var dataset in paperDatasets)
        {
            var profile = DatasetResolver.ProfileOf[dataset];
            var corpus = SyntheticGenerator.GenerateTexts(SyntheticProfiles.Describe(profile).ToOptions(seed: 4) with
            {
                TrainCount = 64, ValidationCount = 32, TestCount = 32, MeanWords = 10,
            });
            using var writer = PreparedDatasetWriter.Create(DatasetResolver.PreparedFolder(dataRoot, dataset), new PreparedDatasetInfo
            {
                Name = dataset, Kind = InputKind.Tokens, LabelNames = corpus.LabelNames, Description = "Texts written by a test.",
            });
            foreach (var (split, rows) in new[] { ("train", corpus.Train), ("validation", corpus.Validation), ("test", corpus.Test) })
                for (int i = 0; i < rows.Texts.Count; i++)
                    writer.AddText(split, $"{split}-{i}", rows.LabelIndices[i], rows.Texts[i]);
            writer.Commit();
        }
        return dataRoot;
    }

    /// <summary>A tiny Llama whose folder ships a tiktoken rank file of the 256 bytes (ids 256 … 511 are the specials).</summary>
    private string TinyLlamaWithTokenizer()
    {
        var folder = TinyLlama.Write(root, config: TinyLlama.Config(vocabulary: 512));
        Directory.CreateDirectory(Path.Combine(folder, "original"));
        File.WriteAllLines(Path.Combine(folder, "original", "tokenizer.model"),
            Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {b}"), new UTF8Encoding(false));
        return folder;
    }

    private static TableRunOptions Small(string? dataRoot, string? roberta, string? llama, string? plmIcd = null) => new()
    {
        Size = RunSize.Quick, DataRoot = dataRoot ?? "", Seeds = [1], PretrainEpochs = 1, ProbeEpochs = 1, TextLength = 16,
        RobertaFolder = roberta, LlamaFolder = llama, PlmIcdFolder = plmIcd,
    };

    [Fact]
    public void Roberta_and_llama_folders_run_their_paper_rows_on_prepared_texts()
    {
        var options = Small(Prepared("AAPD"), TinyRoberta.Write(root), TinyLlamaWithTokenizer());
        var plan = TablePlan.For("journal", "IV", options, PaperResults);
        Assert.Equal("paper's", plan.EncoderKind);
        string Row(string stage, string setting) => plan.PlanRows.Single(r => r.Stage == stage && r.Setting == setting).Value;
        Assert.Equal("AdamW, no weight decay on bias and LayerNorm", Row("RoBERTa (RobertaFolder)", "optimizer"));
        Assert.Equal("0.01", Row("RoBERTa (RobertaFolder)", "weight decay"));
        Assert.StartsWith("full fine-tuning, dropout 0.1", Row("RoBERTa (RobertaFolder)", "training"));
        Assert.StartsWith("LoRA r16 α32 dropout 0.1 on q_proj/v_proj", Row("Llama (LlamaFolder)", "training"));
        Assert.Equal("16", Row("Llama (LlamaFolder)", "tokens per text"));
        Assert.Equal("AAPD", Row("Llama (LlamaFolder)", "datasets"));

        var results = plan.Run();

        Assert.True(results.UsesPaperEncoders);
        Assert.Equal(2 * (TableRuns.Losses.Count + 1), results.Runs.Count);
        Assert.Collection(results.Sources,
            s =>
            {
                Assert.StartsWith("RoBERTa tiny-roberta full fine-tuning", s.OurEncoder);
                Assert.EndsWith("(pretrained weights)", s.OurEncoder);
                Assert.Contains("tokenised by byte-level BPE", s.Source);
                Assert.Equal("real data", s.Data);
            },
            s =>
            {
                Assert.StartsWith("Llama tiny-llama + LoRA r16 α32", s.OurEncoder);
                Assert.Contains("tokenised by Llama 3 tiktoken", s.Source);
            });
        Assert.All(results.SideBySide, r => Assert.Equal(r.OurEncoder.StartsWith("RoBERTa", StringComparison.Ordinal) ? "RoBERTa" : "Llama", r.PaperEncoder));
        var wide = results.WideTable("MicroF1").RowKeys.ToList();
        Assert.Contains(wide, k => k.StartsWith("ours (real data, RoBERTa tiny-roberta", StringComparison.Ordinal));
        Assert.Contains(wide, k => k.StartsWith("ours (real data, Llama tiny-llama", StringComparison.Ordinal));
        // Two encoders on one dataset: the chance check, gains, summary and charts keep them apart.
        Assert.Equal(2 * (TableRuns.Losses.Count + 1), results.Chance.Count);
        Assert.Equal(2, results.Gains().Select(g => g.OurEncoder).Distinct().Count());
        Assert.Equal(2, results.Summary().Count);
        Assert.NotNull(results.Chart("AAPD"));
        Assert.NotNull(results.OrderingChart("AAPD"));
        Assert.StartsWith("Chance check", results.ChanceReport());
        Assert.False(string.IsNullOrWhiteSpace(results.Verdict()));
    }

    [Fact]
    public void Without_prepared_data_the_paper_encoder_reads_the_synthetic_profiles_texts()
    {
        var plan = TablePlan.For("journal", "IV", Small(null, TinyRoberta.Write(root), null), PaperResults);
        var results = plan.Run();
        var source = Assert.Single(results.Sources);
        Assert.Equal("surrogate data", source.Data);
        Assert.Contains("synthetic profile 'aapd-like'", source.Source);
        Assert.Contains("its texts tokenised by byte-level BPE", source.Source);
        Assert.All(results.Runs, r => Assert.True(r.IsSurrogate));
        Assert.Equal("paper's", results.EncoderKind);
    }

    [Fact]
    public void A_folder_applies_only_where_the_paper_prints_its_row()
    {
        // Conference Table 2 prints RoBERTa but no Llama rows: Llama is listed as unused, and MIMIC runs RoBERTa.
        var plan = TablePlan.For("conference", "2", Small(null, TinyRoberta.Write(root), TinyLlamaWithTokenizer()), PaperResults);
        Assert.Equal("none (this table prints no Llama row)", plan.PlanRows.Single(r => r.Stage == "Llama (LlamaFolder)" && r.Setting == "datasets").Value);
        Assert.Equal(string.Join(", ", plan.Datasets), plan.PlanRows.Single(r => r.Stage == "RoBERTa (RobertaFolder)" && r.Setting == "datasets").Value);
        Assert.Equal("paper's", plan.EncoderKind);
        Assert.Equal("stand-in", TablePlan.For("journal", "IV", Small(null, null, null), PaperResults).EncoderKind);
    }

    [Fact]
    public void A_plm_icd_folder_runs_the_mimic_rows_with_label_wise_attention()
    {
        var plan = TablePlan.For("journal", "V", Small(Prepared("MIMIC-III-50", "MIMIC-IV-ICD9-50", "MIMIC-IV-ICD10-50"), null, null, plmIcd: TinyRoberta.Write(root)), PaperResults);
        Assert.Contains("label-wise attention", plan.PlanRows.Single(r => r.Stage == "PLM-ICD (PlmIcdFolder)" && r.Setting == "training").Value);
        Assert.Equal("paper's", plan.EncoderKind);
        var results = plan.Run();
        Assert.Equal(plan.Datasets, results.Sources.Select(s => s.Dataset));
        Assert.All(results.Sources, s => Assert.StartsWith("PLM-ICD tiny-roberta (segments of 16", s.OurEncoder));
        Assert.All(results.SideBySide, r => Assert.Equal("PLM-ICD", r.PaperEncoder));
        Assert.Throws<ArgumentException>(() => PaperTextEncoder.Given(Small(null, null, null, plmIcd: root) with { TextLength = 200 }, plan.Settings));
    }

    [Fact]
    public void The_paper_text_options_override_each_encoders_preset_and_the_plan_shows_them()
    {
        var options = Small(null, TinyRoberta.Write(root), null) with
        {
            PaperTextLearningRate = 3e-5, PaperTextProbeLearningRate = 2e-3, PaperTextWeightDecay = 0.05, PaperTextBatchSize = 8, PaperTextAccumulation = 4,
        };
        var plan = TablePlan.For("journal", "IV", options, PaperResults);
        var training = Assert.Single(plan.TextEncoders).Training;
        Assert.Equal((3e-5, 3e-5, 2e-3, 0.05, 8, 4, true), (training.PretrainLearningRate, training.BaselineLearningRate, training.ProbeLearningRate,
            training.WeightDecay, training.BatchSize, training.GradientAccumulationSteps, training.NoDecayOnBiasAndNorm));
        string Row(string setting) => plan.PlanRows.Single(r => r.Stage == "RoBERTa (RobertaFolder)" && r.Setting == setting).Value;
        Assert.Equal("8 × 4", Row("batch size × gradient accumulation"));
        Assert.Equal("0.05", Row("weight decay"));
        Assert.StartsWith("3.0e-5", Row("stage 1 learning rate (warm-up fraction)"));
        var preset = Assert.Single(TablePlan.For("journal", "IV", Small(null, TinyRoberta.Write(root, name: "other"), null), PaperResults).TextEncoders).Training;
        Assert.Equal((2e-5, 0.01, 32, 1), (preset.PretrainLearningRate, preset.WeightDecay, preset.BatchSize, preset.GradientAccumulationSteps));
        Assert.Contains("PaperTextBatchSize", Assert.Throws<ArgumentException>(() => (options with { PaperTextBatchSize = 1 }).Validate()).Message);
    }
}
