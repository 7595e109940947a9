using System.Globalization;
using System.Text.Json;
using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Parity;
using MultiLabelContrastive.TestSupport;
using MultiLabelContrastive.Training;
using static TorchSharp.torch;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string usage = """
    The C# side of the PyTorch parity harness (tests/parity/README.md).

      dotnet run -c Release --project tests/parity/csharp -- --out DIR [--loss NAME|all] [--epochs E] [--seed S] [--tau T]

    Runs our stage 1 (ContrastivePretrainer, the MulSupCon yeast recipe with a constant learning rate and no clipping)
    for each loss and writes, per loss, DIR/NAME/: the initial weights, every step's training rows, the two views fed to
    the encoder, the dropout masks, and the trajectory (loss of every step, every parameter's L2 norm after every step,
    the final weights). tests/parity/pytorch/parity.py replays the same step in PyTorch and compares.
    Data: YEAST_DIR or notebooks/data/yeast. Defaults: every loss, 2 epochs, seed 0, τ 0.1.
    """;

string? output = null;
var losses = Enum.GetValues<LossKind>().ToList();
var epochs = 2;
var seed = 0;
var tau = 0.1;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out": output = args[++i]; break;
        case "--loss": losses = args[++i] == "all" ? losses : [Enum.Parse<LossKind>(args[i], ignoreCase: true)]; break;
        case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--tau": tau = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "-h" or "--help": Console.WriteLine(usage); return 0;
        default: Console.Error.WriteLine($"Unknown argument '{args[i]}'.{Environment.NewLine}{usage}"); return 2;
    }
}
if (output is null)
{
    Console.Error.WriteLine(usage);
    return 2;
}

set_num_threads(1);
using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
Directory.CreateDirectory(output);
ParityFiles.WriteFloats(Path.Combine(output, "train_inputs.f32"), yeast.Train.Inputs);
foreach (var loss in losses)
{
    var folder = Path.Combine(output, loss.ToString());
    var summary = TrajectoryRecorder.Record(yeast, loss, tau, seed, epochs, folder);
    Console.WriteLine(summary);
}
File.WriteAllText(Path.Combine(output, "run.json"), JsonSerializer.Serialize(new
{
    seed,
    epochs,
    tau,
    losses = losses.Select(l => l.ToString()).ToArray(),
    train_rows = yeast.Train.Count,
    features = yeast.RowShape[0],
    labels = yeast.LabelCount,
    options = new
    {
        optimizer = "Adam", learning_rate = 4e-4, weight_decay = 1e-5, batch = 64, projection = 256, feature_drop = 0.5,
        dropout = 0.2, hidden = new[] { 256, 512, 256 },
    },
}, new JsonSerializerOptions { WriteIndented = true }));
return 0;
