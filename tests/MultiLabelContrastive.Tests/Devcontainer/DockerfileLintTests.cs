using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>
/// .devcontainer/Dockerfile: hadolint when it is on PATH, and always the project's own rules
/// (<see cref="DockerfileRules"/>), each of which is shown to catch a bad example.
/// </summary>
public class DockerfileLintTests
{
    private static string DockerfilePath => Path.Combine(RepositoryRoot.Path, ".devcontainer", "Dockerfile");
    private static string Dockerfile => File.ReadAllText(DockerfilePath);

    private const string Good = """
        # syntax=docker/dockerfile:1
        FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS sdk
        FROM nvidia/cuda:12.8.1-runtime-ubuntu24.04
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN apt-get update \
         && apt-get install -y --no-install-recommends git \
         && rm -rf /var/lib/apt/lists/*
        COPY --from=sdk /usr/share/dotnet /usr/share/dotnet
        RUN dotnet --info | head -1
        WORKDIR /work
        USER ubuntu
        """;

    [Fact]
    public void Dockerfile_passes_the_project_rules_and_hadolint_when_installed()
    {
        var violations = DockerfileRules.Check(Dockerfile);
        Assert.True(violations.Count == 0, string.Join('\n', violations));

        var hadolint = ExternalTool.FindOnPath("hadolint");
        if (hadolint is null) return;   // not packaged for Debian/Ubuntu or npm; the rules above stand in for it
        var result = ExternalTool.Run(hadolint, ["--config", ".devcontainer/hadolint.yaml", ".devcontainer/Dockerfile"]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("nvidia/cuda:12.8.1-runtime-ubuntu24.04", "nvidia/cuda:latest", "DF001")]
    [InlineData("nvidia/cuda:12.8.1-runtime-ubuntu24.04", "nvidia/cuda:12.8.1-runtime-ubuntu22.04", "DF002")]
    [InlineData(" \\\n && rm -rf /var/lib/apt/lists/*\n", "\n", "DF003")]
    [InlineData("--no-install-recommends", "", "DF004")]
    [InlineData("USER ubuntu", "USER root", "DF009")]
    public void Rules_see_the_real_Dockerfile(string original, string replacement, string rule)
    {
        var text = Dockerfile.Replace("\r\n", "\n");
        Assert.Contains(original, text);
        var mutated = DockerfileRules.Check(ReplaceFirst(text, original, replacement));
        Assert.Contains(mutated, v => v.Rule == rule);
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }

    [Fact]
    public void A_clean_example_passes_every_rule()
    {
        Assert.Empty(DockerfileRules.Check(Good));
    }

    [Theory]
    [InlineData("DF001", "FROM ubuntu:24.04 AS a\nFROM node AS n\nFROM nvidia/cuda:12.8.1-runtime-ubuntu24.04\nUSER u")]
    [InlineData("DF001", "FROM node:latest AS n\nFROM nvidia/cuda:12.8.1-runtime-ubuntu24.04\nUSER u")]
    [InlineData("DF001", "FROM node:lts AS n\nFROM nvidia/cuda:12.8.1-runtime-ubuntu24.04\nUSER u")]
    [InlineData("DF001", "ARG IMG=node:22\nFROM ${IMG} AS n\nFROM nvidia/cuda:12.8.1-runtime-ubuntu24.04\nUSER u")]
    [InlineData("DF002", "FROM ubuntu:24.04\nUSER u")]
    [InlineData("DF002", "FROM nvidia/cuda:12.8.1-runtime-ubuntu22.04\nUSER u")]
    [InlineData("DF003", "FROM ubuntu:24.04.1\nRUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nUSER u")]
    [InlineData("DF003", "FROM ubuntu:24.04.1\nRUN apt-get update && apt-get install -y --no-install-recommends git\nUSER u")]
    [InlineData("DF004", "FROM ubuntu:24.04.1\nRUN apt-get update && apt-get install --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nUSER u")]
    [InlineData("DF004", "FROM ubuntu:24.04.1\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\nUSER u")]
    [InlineData("DF005", "FROM ubuntu:24.04.1\nRUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*\nUSER u")]
    [InlineData("DF005", "FROM ubuntu:24.04.1\nRUN apt update\nUSER u")]
    [InlineData("DF006", "FROM ubuntu:24.04.1\nRUN sudo touch /x\nUSER u")]
    [InlineData("DF007", "FROM ubuntu:24.04.1\nRUN cat /etc/os-release | grep ID\nUSER u")]
    [InlineData("DF008", "FROM ubuntu:24.04.1\nADD https://example.invalid/x.tgz /x\nUSER u")]
    [InlineData("DF009", "FROM ubuntu:24.04.1\nRUN true")]
    [InlineData("DF009", "FROM ubuntu:24.04.1\nUSER u\nUSER root")]
    [InlineData("DF010", "FROM ubuntu:24.04.1\nRUN cd /tmp && touch x\nUSER u")]
    [InlineData("DF011", "FROM ubuntu:24.04.1\nRUN npm install -g @devcontainers/cli\nUSER u")]
    [InlineData("DF011", "FROM ubuntu:24.04.1\nRUN pip install --no-cache-dir jupyter\nUSER u")]
    [InlineData("DF011", "FROM ubuntu:24.04.1\nRUN pip install jupyter==1.1.1\nUSER u")]
    [InlineData("DF012", "FROM ubuntu:24.04.1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.invalid/install.sh | bash\nUSER u")]
    [InlineData("DF013", "FROM ubuntu:24.04.1\nRUN echo 'deb http://deb.debian.org/debian bookworm main' > /etc/apt/sources.list.d/d.list\nUSER u")]
    [InlineData("DF013", "FROM ubuntu:24.04.1\nRUN echo 'deb [trusted=yes] http://x.invalid/ ./' > /etc/apt/sources.list.d/x.list\nUSER u")]
    [InlineData("DF014", "FROM ubuntu:24.04.1\nWORKDIR work\nUSER u")]
    [InlineData("DF015", "FROM ubuntu:24.04.1\nMAINTAINER someone\nUSER u")]
    public void Each_rule_catches_its_bad_example(string rule, string dockerfile)
    {
        var violations = DockerfileRules.Check(dockerfile);
        Assert.Contains(violations, v => v.Rule == rule);
    }

    [Fact]
    public void Parser_joins_continuations_skips_comments_and_keeps_start_lines()
    {
        var instructions = DockerfileRules.Parse("# c\nFROM a:1\n\nRUN x \\\n  # inside\n  && y\nUSER u\n");
        Assert.Equal(["FROM", "RUN", "USER"], instructions.Select(i => i.Keyword));
        Assert.Equal([2, 4, 7], instructions.Select(i => i.Line));
        Assert.Equal("x && y", Regex.Replace(instructions[1].Arguments, @"\s+", " "));
    }

    [Fact]
    public void Cuda_of_the_base_image_is_the_cuda_of_TorchSharp_cuda_linux()
    {
        var version = BuildFacts.PackageVersions()["TorchSharp"];
        var nuspec = Path.Combine(BuildFacts.PackageFolder(), "torchsharp", version.ToLowerInvariant(), "torchsharp.nuspec");
        Assert.True(File.Exists(nuspec), $"{nuspec} missing");
        var cuda = Regex.Match(File.ReadAllText(nuspec), @"libtorch-cuda-(\d+\.\d+)-linux-x64");
        Assert.True(cuda.Success, "TorchSharp's nuspec names no libtorch-cuda-X.Y-linux-x64");

        var image = Regex.Match(Dockerfile, @"^FROM\s+nvidia/cuda:(\d+\.\d+)\.\d+-\S*ubuntu24\.04\s*$", RegexOptions.Multiline);
        Assert.True(image.Success, "the Dockerfile's base is not nvidia/cuda:X.Y.Z-...-ubuntu24.04");
        Assert.Equal(cuda.Groups[1].Value, image.Groups[1].Value);
    }

    [Fact]
    public void Dotnet_sdk_image_matches_the_target_framework()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Directory.Build.props"));
        var framework = Regex.Match(props, @"<TargetFramework>net(\d+)\.0</TargetFramework>");
        Assert.True(framework.Success);
        Assert.Matches($@"(?m)^FROM\s+mcr\.microsoft\.com/dotnet/sdk:{framework.Groups[1].Value}\.0-noble\b", Dockerfile);
    }

    [Fact]
    public void Image_has_what_the_tests_and_tools_need()
    {
        var text = Dockerfile;
        foreach (var package in new[] { "python3-ipykernel", "jupyter-core", "jupyter-client", "python3-jsonschema", "binutils", "git" })
            Assert.Matches($@"\s{Regex.Escape(package)}\s", text);
        Assert.Contains("apt-get install -y --no-install-recommends chromium", text);
        Assert.Contains("--from=dotnet-sdk /usr/share/dotnet", text);
        Assert.Matches(@"(?m)^USER ubuntu\s*$", text);
    }
}
