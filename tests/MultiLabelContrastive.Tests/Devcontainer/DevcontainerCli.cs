using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>
/// The devcontainer CLI from npm (<c>@devcontainers/cli</c>): the global <c>devcontainer</c> command when installed
/// (.ci/install-prerequisites.sh installs it; the devcontainer image has it), else <c>npx --yes</c> of the same version.
/// </summary>
public static class DevcontainerCli
{
    /// <summary>The CLI version the project pins (also in .ci/install-prerequisites.sh and the Dockerfile).</summary>
    public const string Version = "0.89.0";

    /// <summary>
    /// <c>devcontainer read-configuration --workspace-folder WORKSPACE</c>. The CLI looks for a running container with
    /// <c>docker ps</c> first; it is given a stand-in docker that reports none, so no Docker daemon is needed and a
    /// real one is never touched. Returns the CLI's JSON answer; fails the test when the CLI fails.
    /// </summary>
    public static JsonObject ReadConfiguration(string workspace)
    {
        var scratch = Directory.CreateTempSubdirectory("devcontainer-cli-");
        try
        {
            var docker = Path.Combine(scratch.FullName, "docker");
            File.WriteAllText(docker, "#!/bin/sh\n# stand-in for the docker CLI: no containers exist\n[ \"$1\" = ps ] && exit 0\necho \"stand-in docker: $*\" >&2\nexit 1\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            string[] arguments = ["read-configuration", "--workspace-folder", workspace, "--docker-path", docker, "--log-level", "info"];
            var installed = ExternalTool.FindOnPath("devcontainer");
            var npx = ExternalTool.FindOnPath("npx");
            if (installed is null && npx is null)
                Assert.Fail($"Neither `devcontainer` nor `npx` is on PATH: run .ci/install-prerequisites.sh (npm install -g @devcontainers/cli@{Version}).");
            var result = installed is not null
                ? ExternalTool.Run(installed, arguments, timeout: TimeSpan.FromMinutes(2))
                : ExternalTool.Run(npx!, ["--yes", $"@devcontainers/cli@{Version}", .. arguments], timeout: TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0, "devcontainer read-configuration failed: " + result);
            var answer = JsonNode.Parse(result.Stdout) as JsonObject;
            Assert.True(answer is not null, "devcontainer read-configuration printed no JSON object: " + result);
            return answer!;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
