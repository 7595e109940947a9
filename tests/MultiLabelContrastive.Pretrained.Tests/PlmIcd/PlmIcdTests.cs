using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.PlmIcd;
using MultiLabelContrastive.Pretrained.Tests.Bert;
using MultiLabelContrastive.Pretrained.Tokenization;
using MultiLabelContrastive.Training;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.PlmIcd;

/// <summary>PLM-ICD on a tiny RoBERTa folder: segments encoded one by one, the label-wise attention against a plain loop,
/// and both stages trained with the attention as the stage-2 classifier over the frozen token states.</summary>
public sealed class PlmIcdTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-plmicd-").FullName;

    public PlmIcdTests() => set_num_threads(1);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Label_wise_attention_matches_a_loop_and_ignores_zeroed_padding()
    {
        random.manual_seed(4);
        using var attention = new LabelWiseAttention(hiddenSize: 6, attentionSize: 5, labelCount: 3);
        var states = randn(2, 4, 6);
        using (no_grad()) states[1, 3] = zeros(6);                     // row 1: its last position is padding
        var logits = attention.call(states);
        var w = attention.state_dict();
        var (w1, w2, w3, b3) = (w["first_linear.weight"], w["second_linear.weight"], w["third_linear.weight"], w["third_linear.bias"]);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
            {
                int positions = n == 0 ? 4 : 3;
                var scores = Enumerable.Range(0, positions).Select(t => (w2[c] * tanh(w1.matmul(states[n, t]))).sum().item<float>()).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var pooled = zeros(6);
                for (int t = 0; t < positions; t++) pooled += states[n, t] * (float)(exp[t] / exp.Sum());
                var expected = (w3[c] * pooled).sum().item<float>() + b3[c].item<float>();
                Assert.Equal(expected, logits[n, c].item<float>(), 4);
            }
    }

    [Fact]
    public void Segments_are_encoded_one_by_one_and_h_is_the_mean_of_the_real_token_states()
    {
        var folder = TinyRoberta.Write(root);
        using var data = Tokenised(folder, 48);
        using var encoder = (PlmIcdEncoder)PlmIcdEncoderSpec.FromFolder(folder, segmentLength: 16).Create(data);
        using var plain = BertEncoder.FromFolder(CheckpointFolder.Open(folder));
        encoder.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = data.Train.Inputs.narrow(0, 0, 3);
        var states = encoder.TokenStates(ids);
        Assert.Equal([3L, 48, 16], states.shape);
        for (int s = 0; s < 3; s++)
        {
            var segment = ids.narrow(1, 16 * s, 16);
            var real = segment.ne(1);
            var alone = plain.LastHiddenState(segment) * real.unsqueeze(-1);
            Assert.True((states.narrow(1, 16 * s, 16) - alone).abs().max().item<float>() < 1e-5, $"segment {s} differs from encoding it alone");
        }
        var mask = ids.ne(1).to(ScalarType.Float32).unsqueeze(-1);
        var mean = (states * mask).sum(1) / mask.sum(1);
        Assert.True((encoder.call(ids) - mean).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void Both_stages_train_with_the_label_wise_attention_over_frozen_token_states()
    {
        var folder = TinyRoberta.Write(root);
        // PLM-ICD's fine-tuned checkpoints carry their label-wise attention: ignored (the dataset's labels are not theirs).
        var weights = Path.Combine(folder, "model.safetensors");
        var state = Safetensors.LoadStateDict(weights);
        state["first_linear.weight"] = randn(7, 16);
        state["third_linear.bias"] = zeros(9);
        Safetensors.SaveStateDict(weights, state);
        using var data = Tokenised(folder, 32);
        var spec = PlmIcdEncoderSpec.FromFolder(folder, segmentLength: 16, attentionSize: 8);
        Assert.StartsWith("PLM-ICD tiny-roberta (segments of 16", spec.Name);
        var options = PlmIcdEncoderSpec.Paper with
        {
            Device = "cpu", Threads = 1, Seed = 2, BatchSize = 16, PretrainEpochs = 1, PretrainLearningRate = 1e-3, ProjectionSize = 8,
            ProbeEpochs = 2, ProbeLearningRate = 1e-2, BaselineEpochs = 1, EarlyStoppingPatience = 0, RunBaseline = true,
        };
        using var result = Experiment.Run(data, spec, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07), options);
        Assert.True(double.IsFinite(result.PretrainLosses.Single()));
        Assert.Equal(24, result.Probe.Test!.Samples);
        Assert.Equal(24, result.Baseline!.Test!.Samples);

        // Stage 2 on its own: the encoder stays frozen and the classifier reads ClassifierInput without gradients.
        using var encoder = new Recording((PlmIcdEncoder)spec.Create(data));
        var before = encoder.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        new LinearProbe(options).Fit(encoder, data);
        Assert.True(encoder.Calls > 0);
        Assert.False(encoder.WithGradient, "the probe ran the encoder with gradients enabled");
        Assert.Equal(3, encoder.LabelCount);
        foreach (var (key, value) in encoder.state_dict())
            Assert.True(before[key].equal(value).all().item<bool>(), $"{key} changed in stage 2");
        new SupervisedBaseline(options).Fit(encoder, data);
        Assert.True(encoder.WithGradient, "the baseline must train the encoder through its classifier");
    }

    private static MultiLabelDataset Tokenised(string folder, int length)
    {
        var corpus = SyntheticGenerator.GenerateTexts(new SyntheticOptions
        {
            Name = "notes", Kind = InputKind.Tokens, LabelCount = 3, MeanLabelsPerSample = 1.5, TrainCount = 48, ValidationCount = 16,
            TestCount = 24, MeanWords = 8, MaxTokens = 24, WordCount = 60, Seed = 5,
        });
        var tokenizer = PretrainedTokenizer.FromFolder(CheckpointFolder.Open(folder));
        return PretrainedTextDataset.Create("notes", corpus.LabelNames, corpus.Train, corpus.Validation, corpus.Test, tokenizer, length, true, "Synthetic notes.");
    }

    /// <summary>PLM-ICD's classifier hooks with a record of how the trainers call them.</summary>
    private sealed class Recording : Encoder, ITokenStateClassifier
    {
        private readonly PlmIcdEncoder inner;

        public Recording(PlmIcdEncoder inner) : base(nameof(Recording))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public int Calls { get; private set; }

        public int LabelCount { get; private set; }

        public bool WithGradient { get; private set; }

        public override long OutputSize => inner.OutputSize;

        public override InputKind Input => InputKind.Tokens;

        public override Tensor forward(Tensor input) => inner.call(input);

        public nn.Module<Tensor, Tensor> CreateClassifier(int labelCount)
        {
            LabelCount = labelCount;
            return inner.CreateClassifier(labelCount);
        }

        public Tensor ClassifierInput(Tensor inputs)
        {
            Calls++;
            WithGradient |= is_grad_enabled();
            return inner.ClassifierInput(inputs);
        }
    }
}
