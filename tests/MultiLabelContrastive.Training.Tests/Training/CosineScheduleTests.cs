namespace MultiLabelContrastive.Training.Tests.Training;

public class CosineScheduleTests
{
    [Fact]
    public void WarmsUpLinearlyThenFollowsHalfACosine()
    {
        const long total = 100;
        var warmup = CosineSchedule.WarmupSteps(total, 0.05);
        Assert.Equal(5, warmup);
        var rates = Enumerable.Range(0, (int)total).Select(s => CosineSchedule.LearningRate(s, total, warmup, 1.0)).ToArray();
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0], rates.Take(5).Select(r => Math.Round(r, 12)));
        Assert.Equal(1.0, rates[5], 12);
        Assert.All(rates.Skip(5).Zip(rates.Skip(6)), pair => Assert.True(pair.Second < pair.First));
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 94 / 95)), rates[^1], 12);
        Assert.Equal(0.5, CosineSchedule.LearningRate(5 + 95 / 2, total, warmup, 1.0, 0) , 1);
        Assert.Equal(0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * 10 / 95)), CosineSchedule.LearningRate(15, total, warmup, 1.0, 0.1), 12);
    }

    [Fact]
    public void EdgeCasesAndRanges()
    {
        Assert.Equal(0, CosineSchedule.WarmupSteps(1, 0.05));
        Assert.Equal(1.0, CosineSchedule.LearningRate(0, 1, 0, 1.0));
        Assert.Equal(0, CosineSchedule.WarmupSteps(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>("step", () => CosineSchedule.LearningRate(10, 10, 0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("warmupFraction", () => CosineSchedule.WarmupSteps(10, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("baseRate", () => CosineSchedule.LearningRate(0, 10, 0, 0));
    }
}
