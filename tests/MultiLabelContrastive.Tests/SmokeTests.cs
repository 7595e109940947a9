using static TorchSharp.torch;
public class SmokeTests { [Fact] public void TorchLoads() { using var t = ones(2,2); Assert.Equal(4.0, t.sum().item<float>()); } }
