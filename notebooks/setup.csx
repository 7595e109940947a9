// The setup every notebook loads first (`#load "setup.csx"`): the repository's libraries and the packages they use.
// The package versions are those of Directory.Packages.props (tests/MultiLabelContrastive.NotebookRuns.Tests checks
// them). The executor and our kernel bind each reference to their own copy; the paths are those of a Release build.
// The usings below apply to every cell after the one that loads this file.
#r "nuget: TorchSharp, 0.107.0"
#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: Plotly.NET.CSharp, 0.14.0"
#r "nuget: Deedle, 8.1.0"
#r "../lib/MultiLabelContrastive/bin/Release/net10.0/linux-x64/MultiLabelContrastive.dll"
#r "../lib/MultiLabelContrastive.Data/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Data.dll"
#r "../lib/MultiLabelContrastive.Display/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Display.dll"
#r "../lib/MultiLabelContrastive.Training/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Training.dll"
#r "../lib/MultiLabelContrastive.Reproduction/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Reproduction.dll"
using Deedle;
using TorchSharp;
using static TorchSharp.torch;
using MultiLabelContrastive.Display;
using MultiLabelContrastive.Training;
using MultiLabelContrastive.Reproduction;

Console.WriteLine($"device: {MultiLabelContrastive.Devices.DeviceSelector.Choose().Description}");
