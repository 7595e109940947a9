using System.Globalization;
using Xunit.Abstractions;
using MultiLabelContrastive.Pretrained.Llama;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>The golden Llama checkpoints (bf16 shards with an index, grouped-query attention, llama3 RoPE scaling, and
/// the same model with a PEFT LoRA adapter) loaded through the public loader and compared with the independent
/// reference's last_hidden_state.</summary>
public sealed class LlamaGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Golden_llama_cases_match_the_reference_last_hidden_state_in_float32()
    {
        set_num_threads(1);
        var cases = LlamaGoldenCase.All();
        Assert.True(cases.Count > 0, "No golden case folder pretrained/llama-* under the golden folder (tests/golden or GOLDEN_DIR).");
        Assert.Contains(cases, c => c.Adapter is not null);
        Assert.Contains(cases, c => c.Adapter is null);
        var report = new List<string>();
        foreach (var golden in cases)
        {
            using var scope = NewDisposeScope();
            using var encoder = golden.Adapter is null
                ? LlamaCheckpoint.Open(golden.Checkpoint, ScalarType.Float32)
                : LlamaCheckpoint.Open(golden.Checkpoint, golden.Adapter, ScalarType.Float32);
            Assert.True(encoder.Config.KeyValueHeadCount < encoder.Config.HeadCount, $"{golden.Name}: expected grouped-query attention.");
            Assert.NotNull(encoder.Config.RopeScaling);
            encoder.eval();
            using var noGrad = no_grad();
            var difference = golden.MaxDifference(encoder.Encode(golden.Ids, golden.AttentionMask));
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{golden.Name}: max |Δ| {difference:E2} (tolerance {golden.Tolerance:E0})"));
            output.WriteLine(report[^1]);
            Assert.True(difference <= golden.Tolerance, string.Join("; ", report));
        }
    }

    [Fact]
    public void Golden_llama_lora_case_also_matches_after_merging_the_adapter()
    {
        set_num_threads(1);
        var cases = LlamaGoldenCase.All().Where(c => c.Adapter is not null).ToList();
        Assert.True(cases.Count > 0, "No golden case folder pretrained/llama-lora-* under the golden folder.");
        foreach (var golden in cases)
        {
            using var scope = NewDisposeScope();
            using var encoder = LlamaCheckpoint.Open(golden.Checkpoint, golden.Adapter!, ScalarType.Float32);
            encoder.eval();
            encoder.Adapters!.Merge();
            using var noGrad = no_grad();
            var difference = golden.MaxDifference(encoder.Encode(golden.Ids, golden.AttentionMask));
            output.WriteLine($"{golden.Name} merged: max |Δ| {difference:E2}");
            Assert.True(difference <= golden.Tolerance, $"{golden.Name} merged: max |Δ| {difference:E2}");
        }
    }

    [Fact]
    public void Golden_llama_case_in_bfloat16_stays_close_to_the_float32_reference()
    {
        set_num_threads(1);
        var golden = LlamaGoldenCase.All().First(c => c.Adapter is null);
        using var scope = NewDisposeScope();
        using var encoder = LlamaCheckpoint.Open(golden.Checkpoint, ScalarType.BFloat16);
        Assert.All(encoder.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        encoder.eval();
        using var noGrad = no_grad();
        var hidden = encoder.Encode(golden.Ids, golden.AttentionMask);
        Assert.Equal(ScalarType.BFloat16, hidden.dtype);
        var expected = golden.ExpectedHidden();
        var scale = expected.abs().max().item<float>();
        var difference = golden.MaxDifference(hidden);
        output.WriteLine($"bf16: max |Δ| {difference} against a largest value of {scale}");
        // bfloat16 keeps 8 significant bits (relative step 2⁻⁸ ≈ 0.4 %); two layers of rounding stay within a few steps.
        Assert.True(difference <= 0.05 * scale, $"bf16 max |Δ| {difference} against a largest value of {scale}");
        Assert.True(difference > 0, "bf16 arithmetic should differ from the float32 reference at least a little");
    }
}
