using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>.devcontainer/devcontainer.json: read by the devcontainer CLI, parsed strictly, and held to the project's needs.</summary>
public class DevcontainerConfigTests
{
    private static string Root => RepositoryRoot.Path;
    private static string Folder => Path.Combine(Root, ".devcontainer");
    private static JsonObject Config => DevcontainerChecks.ParseStrict(File.ReadAllText(Path.Combine(Folder, "devcontainer.json")));

    [Fact]
    public void The_devcontainer_cli_reads_the_same_configuration_as_the_strict_parse()
    {
        var answer = DevcontainerCli.ReadConfiguration(Root);
        var read = answer["configuration"] as JsonObject;
        Assert.NotNull(read);
        read!.Remove("configFilePath");   // added by the CLI
        Assert.True(JsonNode.DeepEquals(Config, read), $"CLI read:\n{read}\nstrict parse:\n{Config}");
        Assert.StartsWith("/workspaces/", answer["workspace"]?["workspaceFolder"]?.GetValue<string>());
    }

    [Fact]
    public void Configuration_meets_the_project_requirements()
    {
        var problems = DevcontainerChecks.Problems(Config, Folder, Root);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_remote_user_is_the_user_the_Dockerfile_ends_with()
    {
        var dockerfile = DockerfileRules.Parse(File.ReadAllText(Path.Combine(Folder, "Dockerfile")));
        Assert.Equal(Config["remoteUser"]!.GetValue<string>(), dockerfile.Last(i => i.Keyword == "USER").Arguments);
    }

    [Fact]
    public void One_devcontainer_cli_version_in_the_tests_the_image_and_the_prerequisites()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Folder, "Dockerfile"));
        var prerequisites = File.ReadAllText(Path.Combine(Root, ".ci", "install-prerequisites.sh"));
        Assert.Equal(DevcontainerCli.Version, Regex.Match(dockerfile, @"(?m)^ARG DEVCONTAINERS_CLI_VERSION=(\S+)$").Groups[1].Value);
        Assert.Equal(DevcontainerCli.Version, Regex.Match(prerequisites, @"(?m)^DEVCONTAINERS_CLI_VERSION=(\S+)$").Groups[1].Value);
    }

    [Fact]
    public void A_truncated_file_is_caught_by_the_strict_parse()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "devcontainer.json"));
        Assert.ThrowsAny<JsonException>(() => DevcontainerChecks.ParseStrict(text[..(text.Length / 2)]));
    }

    [Theory]
    [InlineData("hostRequirements", "gpu", "true", "hostRequirements.gpu")]
    [InlineData("hostRequirements", "gpu", "\"maybe\"", "hostRequirements.gpu")]
    [InlineData("hostRequirements", "memory", "\"16 GB\"", "hostRequirements.memory")]
    [InlineData("hostRequirements", "cpus", "2.5", "hostRequirements.cpus")]
    [InlineData("", "runArgs", "[\"--gpus=all\"]", "runArgs")]
    [InlineData("", "runArgs", "[\"--gpus\", \"all\"]", "runArgs")]
    [InlineData("", "remoteUser", "\"root\"", "remoteUser")]
    [InlineData("", "waitFor", "\"whenever\"", "waitFor")]
    [InlineData("", "postCreateCommand", "\"bash .devcontainer/missing.sh\"", "postCreateCommand")]
    [InlineData("build", "dockerfile", "\"Missing.Dockerfile\"", "build.dockerfile")]
    public void Each_check_catches_a_broken_value(string parent, string key, string json, string expected)
    {
        var config = Config;
        var target = parent.Length == 0 ? config : (JsonObject)config[parent]!;
        target[key] = JsonNode.Parse(json);
        Assert.Contains(DevcontainerChecks.Problems(config, Folder, Root), p => p.StartsWith(expected));
    }

    [Fact]
    public void Missing_extensions_are_caught()
    {
        var config = Config;
        config["customizations"]!["vscode"]!["extensions"] = new JsonArray("ms-python.python");
        var problems = DevcontainerChecks.Problems(config, Folder, Root);
        Assert.Contains(problems, p => p.Contains("ms-dotnettools.csdevkit"));
        Assert.Contains(problems, p => p.Contains("ms-toolsai.jupyter"));
    }
}
