using MultiLabelContrastive.Pretrained.Llama;
using MultiLabelContrastive.Pretrained.Lora;
using MultiLabelContrastive.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>The stages' optimizer holds only parameters that require a gradient: under LoRA the frozen base model gets
/// no optimizer state (two moment tensors per weight with AdamW — 32 GB for an 8B model in bfloat16).</summary>
public sealed class TrainableParametersTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-trainable-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static StageLoop Loop(nn.Module encoder, nn.Module head, bool noDecay) => new()
    {
        Stage = TrainingStage.Pretrain,
        Options = new TrainingOptions(),
        Epochs = 1,
        LearningRate = 1e-3,
        TrainRows = 4,
        DropLastPartialBatch = false,
        Modules = [("encoder", encoder), ("head", head)],
        Parameters = [.. encoder.parameters(), .. head.parameters()],
        NoDecayParameters = noDecay ? [.. encoder.parameters().Concat(head.parameters()).Where(p => p.dim() == 1)] : null,
        SetTraining = _ => { },
        BatchLoss = (_, _) => throw new InvalidOperationException("not trained here"),
        Validate = () => null,
        HigherIsBetter = false,
        Patience = 0,
        RestoreBest = false,
        MonitorName = "loss",
        Fingerprint = "test",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Under_lora_the_optimizer_receives_only_the_adapters_and_the_head(bool noDecay)
    {
        using var encoder = LlamaCheckpoint.Open(TinyLlama.Write(root));
        var adapters = encoder.AttachLora(new LoraOptions { Rank = 2, Alpha = 4 });
        using var head = nn.Linear(16, 4);
        using var optimizer = Loop(encoder, head, noDecay).CreateOptimizer();
        var optimized = optimizer.ParamGroups.Cast<ParamGroup>().SelectMany(g => g.Parameters).Select(p => p.Handle).ToHashSet();
        var expected = adapters.Parameters.Concat(head.parameters()).Select(p => p.Handle).ToHashSet();
        Assert.True(expected.SetEquals(optimized), $"optimizer holds {optimized.Count} parameters, expected the {expected.Count} of the adapters and head");
        Assert.True(encoder.parameters().Count() > adapters.Parameters.Count());
    }

    [Fact]
    public void A_stage_with_nothing_to_train_is_an_error()
    {
        using var head = nn.Linear(3, 2);
        foreach (var p in head.parameters()) p.requires_grad = false;
        var error = Assert.Throws<InvalidOperationException>(() => Loop(nn.Identity(), head, noDecay: false).CreateOptimizer());
        Assert.Contains("none of the 2 parameters requires a gradient", error.Message);
    }
}
