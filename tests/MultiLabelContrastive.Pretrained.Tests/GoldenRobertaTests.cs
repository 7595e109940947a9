using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.Tests.Support;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests;

/// <summary>Every golden RoBERTa case (RobertaForMaskedLM layout, made by an independent PyTorch implementation)
/// loads through the public loader and reproduces last_hidden_state on the unpadded positions.</summary>
public sealed class GoldenRobertaTests
{
    public static TheoryData<string> Cases() => new(PretrainedGolden.Cases("roberta-").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Golden_roberta_last_hidden_state_matches(string caseName)
    {
        string caseFolder = PretrainedGolden.Cases("roberta-").Single(c => Path.GetFileName(c) == caseName);
        using var scope = NewDisposeScope();
        using var model = BertEncoder.FromFolder(CheckpointFolder.Open(Path.Combine(caseFolder, "checkpoint")));
        var ids = PretrainedGolden.Matrix(caseFolder, "input_ids");
        var mask = PretrainedGolden.Matrix(caseFolder, "attention_mask");
        var idTensor = tensor(ids.SelectMany(r => r).ToArray(), [ids.Length, ids[0].Length]);
        var maskTensor = tensor(mask.SelectMany(r => r).ToArray(), [mask.Length, mask[0].Length]);
        Tensor actual;
        using (no_grad())
            actual = model.LastHiddenState(idTensor, maskTensor);
        var expected = Safetensors.LoadStateDict(Path.Combine(caseFolder, "expected.safetensors"))["last_hidden_state"];
        Assert.Equal(expected.shape, actual.shape);
        var keep = maskTensor.to(ScalarType.Float32).unsqueeze(-1);
        double maxDelta = ((actual - expected) * keep).abs().max().item<float>();
        Assert.True(maxDelta <= PretrainedGolden.Tolerance(caseFolder), $"{caseName}: max |Δ| = {maxDelta:E2}");
    }
}
