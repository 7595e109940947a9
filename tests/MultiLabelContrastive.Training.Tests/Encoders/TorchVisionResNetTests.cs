using System.Globalization;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Training.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training.Tests.Encoders;

/// <summary>The TorchVision ResNet encoder has torchvision's state dict, and weights files of every supported format and
/// layout load into it exactly; bad files fail with named errors and leave the model untouched.</summary>
public class TorchVisionResNetTests
{
    private static Dictionary<string, long[]> Fixture(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"torchvision-{name}-state-dict.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('[', ']').Replace(" ", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray());

    [Theory]
    [InlineData(ResNetDepth.ResNet18, "resnet18", 512)]
    [InlineData(ResNetDepth.ResNet50, "resnet50", 2048)]
    public void StateDictIsTorchvisionsWithoutTheClassifier(ResNetDepth depth, string fixture, long features)
    {
        using var model = new TorchVisionResNet(depth);
        var expected = Fixture(fixture).Where(p => !p.Key.StartsWith("fc.", StringComparison.Ordinal)).ToDictionary();
        var actual = model.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, shape) in expected) Assert.True(shape.SequenceEqual(actual[key]), $"{key}: torchvision {string.Join(",", shape)}, ours {string.Join(",", actual[key])}");
        Assert.Equal(features, model.OutputSize);
        model.eval();
        using var output = model.call(rand(2, 3, 64, 64));
        Assert.Equal(new[] { 2L, features }, output.shape);
    }

    [Fact]
    public void SmallImageStemIsTorchvisionsNetworkWithA3x3Conv1()
    {
        using var small = new TorchVisionResNet(ResNetDepth.ResNet18, ResNetStem.SmallImage);
        using var imageNet = new TorchVisionResNet(ResNetDepth.ResNet18);
        var s = small.state_dict();
        var i = imageNet.state_dict();
        Assert.Equal(i.Keys.Order(), s.Keys.Order());
        Assert.Equal(new long[] { 64, 3, 3, 3 }, s["conv1.weight"].shape);
        Assert.Equal(new long[] { 64, 3, 7, 7 }, i["conv1.weight"].shape);
        small.eval();
        using var output = small.call(rand(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, 512 }, output.shape);
    }

    /// <summary>A model with random weights and non-trivial batch-norm statistics, so that eval outputs depend on them.</summary>
    private static TorchVisionResNet Randomised(ResNetDepth depth, int seed, ResNetStem stem = ResNetStem.ImageNet)
    {
        random.manual_seed(seed).Dispose();
        var model = new TorchVisionResNet(depth, stem);
        using (no_grad())
        {
            foreach (var (name, buffer) in model.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.copy_(randn_like(buffer) * 0.1);
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.copy_(rand_like(buffer) + 0.5);
            }
            foreach (var (name, p) in model.named_parameters())
                if (name.Contains("bn", StringComparison.Ordinal) || name.Contains("downsample.1", StringComparison.Ordinal)) p.copy_(randn_like(p) * 0.1 + (name.EndsWith("weight", StringComparison.Ordinal) ? 1 : 0));
        }
        model.eval();
        return model;
    }

    private static Tensor Input() => rand(2, 3, 64, 64, generator: new Generator(3));

    private static void AssertSameEvalOutputs(TorchVisionResNet expected, TorchVisionResNet actual)
    {
        expected.eval();
        actual.eval();
        using var scope = NewDisposeScope();
        var x = Input();
        Assert.True(expected.call(x).Equals(actual.call(x)), "eval outputs differ");
        foreach (var (key, tensor) in expected.state_dict())
            Assert.True(tensor.Equals(actual.state_dict()[key]), $"{key} differs");
    }

    [Fact]
    public void PyTorchZipFileWrittenBySavePyLoadsIntoAFreshModelWithIdenticalEvalOutputs()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "resnet50-random.pth");
        using var source = Randomised(ResNetDepth.ResNet50, 1);
        source.save_py(path);
        Assert.Equal(WeightsFormat.PyTorchZip, StateDictFile.Detect(path));

        using var viaLibrary = new TorchVisionResNet(ResNetDepth.ResNet50);
        var report = ResNetWeights.Load(viaLibrary, path);
        Assert.Equal(ResNetKeyLayout.TorchVision, report.Layout);
        Assert.Equal(source.state_dict().Count, report.TensorsLoaded);
        Assert.StartsWith("ResNet-50, ImageNet stem", report.Architecture);
        AssertSameEvalOutputs(source, viaLibrary);

        using var viaPyBridge = new TorchVisionResNet(ResNetDepth.ResNet50);
        viaPyBridge.load_py(path);
        AssertSameEvalOutputs(source, viaPyBridge);
        Assert.Equal((ResNetDepth.ResNet50, ResNetStem.ImageNet), ResNetWeights.Inspect(path));
    }

    [Fact]
    public void EvalModeUsesTheLoadedRunningStatistics()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "r18.pth");
        using var source = Randomised(ResNetDepth.ResNet18, 2);
        source.save_py(path);
        using var model = new TorchVisionResNet(ResNetDepth.ResNet18);
        ResNetWeights.Load(model, path);
        model.eval();
        using var x = Input();
        using var loaded = model.call(x);
        using (no_grad())
            foreach (var (name, buffer) in model.named_buffers())
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.zero_();
        using var reset = model.call(x);
        Assert.False(loaded.allclose(reset, 1e-4, 1e-4), "eval outputs do not depend on the running means");
    }

    [Fact]
    public void TorchvisionFileWithItsClassifierLoadsWithoutIt()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "resnet18-full.pth");
        random.manual_seed(4).Dispose();
        using var full = torchvision.models.resnet18();
        full.save_py(path);
        using var model = new TorchVisionResNet(ResNetDepth.ResNet18);
        var report = ResNetWeights.Load(model, path);
        Assert.Equal(2, report.ClassifierKeysSkipped);
        Assert.True(full.state_dict()["layer4.1.conv2.weight"].Equals(model.state_dict()["layer4.1.conv2.weight"]));
    }

    [Fact]
    public void SafetensorsAndTorchSharpFilesLoadIdentically()
    {
        using var folder = new TempFolder();
        using var source = Randomised(ResNetDepth.ResNet18, 5);
        var safetensors = Path.Combine(folder.Path, "model.safetensors");
        var torchSharp = Path.Combine(folder.Path, "model.bin");
        source.save_safetensors(safetensors);
        source.save(torchSharp);
        Assert.Equal(WeightsFormat.Safetensors, StateDictFile.Detect(safetensors));
        Assert.Equal(WeightsFormat.TorchSharp, StateDictFile.Detect(torchSharp));
        using var a = new TorchVisionResNet(ResNetDepth.ResNet18);
        ResNetWeights.Load(a, safetensors);
        AssertSameEvalOutputs(source, a);
        using var b = new TorchVisionResNet(ResNetDepth.ResNet18);
        ResNetWeights.Load(b, torchSharp);
        AssertSameEvalOutputs(source, b);
    }

    /// <summary>Hugging Face transformers' names for a torchvision key (written out from transformers' ResNet modules).</summary>
    private static string HuggingFaceName(string key)
    {
        var parts = key.Split('.');
        string Norm(string leaf) => $"normalization.{leaf}";
        if (parts[0] == "conv1") return "resnet.embedder.embedder.convolution." + parts[1];
        if (parts[0] == "bn1") return "resnet.embedder.embedder." + Norm(parts[1]);
        var stage = int.Parse(parts[0]["layer".Length..], CultureInfo.InvariantCulture) - 1;
        var prefix = $"resnet.encoder.stages.{stage}.layers.{parts[1]}.";
        if (parts[2] == "downsample") return prefix + (parts[3] == "0" ? "shortcut.convolution." + parts[4] : "shortcut." + Norm(parts[4]));
        var index = int.Parse(parts[2][^1..], CultureInfo.InvariantCulture) - 1;
        return prefix + $"layer.{index}." + (parts[2].StartsWith("conv", StringComparison.Ordinal) ? "convolution." + parts[3] : Norm(parts[3]));
    }

    [Fact]
    public void HuggingFaceMicrosoftResNetLayoutIsMapped()
    {
        using var folder = new TempFolder();
        using var source = Randomised(ResNetDepth.ResNet50, 6);
        var tensors = source.state_dict().ToDictionary(p => HuggingFaceName(p.Key), p => p.Value);
        tensors["classifier.1.weight"] = randn(1000, 2048);
        tensors["classifier.1.bias"] = zeros(1000);
        Assert.Contains("resnet.encoder.stages.0.layers.0.shortcut.convolution.weight", tensors.Keys);
        Assert.Contains("resnet.encoder.stages.3.layers.2.layer.2.normalization.running_var", tensors.Keys);
        var path = Path.Combine(folder.Path, "model.safetensors");
        Safetensors.SaveStateDict(path, tensors);
        using var model = new TorchVisionResNet(ResNetDepth.ResNet50);
        var report = ResNetWeights.Load(model, path);
        Assert.Equal(ResNetKeyLayout.HuggingFace, report.Layout);
        Assert.Equal(2, report.ClassifierKeysSkipped);
        AssertSameEvalOutputs(source, model);
    }

    [Fact]
    public void WeightsOfTheEarlierHandWrittenResNetStillLoad()
    {
        using var folder = new TempFolder();
        random.manual_seed(7).Dispose();
        using var legacy = NarrowResNet.ResNet50(smallImages: false, width: 64);
        var path = Path.Combine(folder.Path, "legacy.bin");
        legacy.save(path);
        using var model = new TorchVisionResNet(ResNetDepth.ResNet50);
        var report = ResNetWeights.Load(model, path);
        Assert.Equal(ResNetKeyLayout.LegacyLibrary, report.Layout);
        legacy.eval();
        model.eval();
        using var x = Input();
        using var expected = legacy.call(x);
        using var actual = model.call(x);
        Assert.True(expected.allclose(actual, 1e-5, 1e-5), "the legacy network and the TorchVision one compute different features");
    }

    [Fact]
    public void WrongArchitectureIsNamedAndLeavesTheModelUntouched()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "resnet18.pth");
        using (var r18 = Randomised(ResNetDepth.ResNet18, 8)) r18.save_py(path);
        using var model = new TorchVisionResNet(ResNetDepth.ResNet50);
        var before = model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var error = Assert.Throws<WeightsFileException>(() => ResNetWeights.Load(model, path));
        Assert.Contains("ResNet-18", error.Message);
        Assert.Contains("Build the model as ResNet18", error.Message);
        Assert.Contains("layer1.0.conv3.weight", error.MissingKeys);
        Assert.NotEmpty(error.ShapeMismatches);
        Assert.Equal(path, error.Path);
        foreach (var (key, tensor) in model.state_dict()) Assert.True(before[key].Equals(tensor), $"{key} was changed by a failed load");
    }

    [Fact]
    public void StemMismatchNamesConv1AndItsShapes()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "imagenet-stem.pth");
        using (var source = Randomised(ResNetDepth.ResNet18, 9)) source.save_py(path);
        using var small = new TorchVisionResNet(ResNetDepth.ResNet18, ResNetStem.SmallImage);
        var error = Assert.Throws<WeightsFileException>(() => ResNetWeights.Load(small, path));
        Assert.Equal(["conv1.weight: file [64, 3, 7, 7] vs model [64, 3, 3, 3]"], error.ShapeMismatches);
        Assert.Contains("ResNetStem.ImageNet", error.Message);
    }

    [Theory]
    [InlineData("pth")]
    [InlineData("safetensors")]
    [InlineData("bin")]
    public void TruncatedFilesFailWithTheFileNamed(string kind)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "model." + kind);
        using (var source = Randomised(ResNetDepth.ResNet18, 10))
        {
            if (kind == "pth") source.save_py(path);
            else if (kind == "safetensors") source.save_safetensors(path);
            else source.save(path);
        }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        using var model = new TorchVisionResNet(ResNetDepth.ResNet18);
        var error = Assert.Throws<WeightsFileException>(() => ResNetWeights.Load(model, path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void OtherFilesAndTimmDeepStemsAreRefusedByName()
    {
        using var folder = new TempFolder();
        var empty = Path.Combine(folder.Path, "empty.pth");
        File.WriteAllBytes(empty, []);
        Assert.Contains("empty", Assert.Throws<WeightsFileException>(() => StateDictFile.Read(empty)).Message);
        var legacyPickle = Path.Combine(folder.Path, "old.pth");
        File.WriteAllBytes(legacyPickle, [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20]);
        Assert.Contains("legacy", Assert.Throws<WeightsFileException>(() => StateDictFile.Read(legacyPickle)).Message);
        var deepStem = Path.Combine(folder.Path, "resnet50d.safetensors");
        Safetensors.SaveStateDict(deepStem, new Dictionary<string, Tensor> { ["conv1.0.weight"] = zeros(32, 3, 3, 3), ["conv1.1.weight"] = ones(32) });
        using var model = new TorchVisionResNet(ResNetDepth.ResNet50);
        Assert.Contains("timm deep-stem", Assert.Throws<WeightsFileException>(() => ResNetWeights.Load(model, deepStem)).Message);
        var other = Path.Combine(folder.Path, "mlp.safetensors");
        Safetensors.SaveStateDict(other, new Dictionary<string, Tensor> { ["layers.0.weight"] = zeros(4, 4) });
        Assert.Contains("does not hold ResNet weights", Assert.Throws<WeightsFileException>(() => ResNetWeights.Load(model, other)).Message);
        Assert.Throws<FileNotFoundException>(() => ResNetWeights.Load(model, Path.Combine(folder.Path, "missing.pth")));
    }
}
