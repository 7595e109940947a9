#!/usr/bin/env bash
# Runs once after the devcontainer is created (postCreateCommand in devcontainer.json):
#  1. chooses the TorchSharp backend: cuda when `nvidia-smi -L` lists a GPU (the host gave the container one),
#     else cpu; MLC_TORCH_BACKEND=cpu|cuda forces a choice;
#  2. exports it as TorchBackend in the user's interactive shells (~/.bashrc), so that every later
#     `dotnet build/test/run` and VS Code's C# tools use the same backend (MSBuild reads environment variables as
#     properties; `-p:TorchBackend=...` still overrides);
#  3. checks the prerequisites (.ci/install-prerequisites.sh: all present in the image), then restores and builds
#     the solution (Release) with that backend;
#  4. installs the project's Jupyter kernel (kernelspec mlc-csharp) for the user.
# --dry-run prints the choice and the commands without changing anything (the tests use it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dry_run=false
case "${1:-}" in
  --dry-run) dry_run=true ;;
  "") ;;
  *) echo "usage: $0 [--dry-run]" >&2; exit 2 ;;
esac

run() {
  echo "+ $*"
  if ! $dry_run; then "$@"; fi
}

gpus=""
if command -v nvidia-smi >/dev/null 2>&1; then
  gpus="$(nvidia-smi -L 2>/dev/null | grep '^GPU ' || true)"
fi

case "${MLC_TORCH_BACKEND:-}" in
  cpu|cuda) backend="$MLC_TORCH_BACKEND"; why="MLC_TORCH_BACKEND=$MLC_TORCH_BACKEND" ;;
  "")
    if [ -n "$gpus" ]; then backend=cuda; why="nvidia-smi lists $(grep -c '^GPU ' <<<"$gpus") GPU(s)"
    else backend=cpu; why="no GPU (nvidia-smi missing, failing or listing none)"; fi ;;
  *) echo "[post-create] MLC_TORCH_BACKEND must be cpu or cuda, not '$MLC_TORCH_BACKEND'" >&2; exit 2 ;;
esac
[ -n "$gpus" ] && sed 's/^/[post-create]   /' <<<"$gpus"
echo "[post-create] TorchBackend=$backend ($why)"

marker="# written by .devcontainer/post-create.sh"
line="export TorchBackend=$backend $marker"
if $dry_run; then
  echo "+ append to ~/.bashrc: $line"
else
  touch ~/.bashrc
  sed -i "\\|$marker\$|d" ~/.bashrc
  echo "$line" >> ~/.bashrc
fi
export TorchBackend="$backend"

run bash .ci/install-prerequisites.sh
run dotnet restore Notebooks.sln -p:TorchBackend="$backend"
run dotnet build Notebooks.sln -c Release --no-restore -p:TorchBackend="$backend"

# The project's Jupyter kernel (kernelspec mlc-csharp), so that VS Code and Jupyter offer it for the notebooks.
kernel_project=lib/MultiLabelContrastive.Kernel/MultiLabelContrastive.Kernel.csproj
if [ -f "$kernel_project" ]; then
  run dotnet build "$kernel_project" -c Release -p:TorchBackend="$backend"
  run dotnet lib/MultiLabelContrastive.Kernel/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Kernel.dll install-kernel --user
else
  echo "[post-create] $kernel_project not found: no Jupyter kernel installed"
fi
echo "[post-create] done: open a new terminal (TorchBackend=$backend); the device is chosen at run time (MLC_DEVICE)."
