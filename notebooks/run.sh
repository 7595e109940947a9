#!/usr/bin/env bash
# The main job: installs what is missing (idempotent), builds the notebook runner (Release) and executes every notebook
# of notebooks/ in name order, writing artifacts/ (executed notebooks, HTML report, summary.json). Three run sizes:
#   (default)  the main job: every notebook on the embedded data, sized to be above chance (≈ 12 min on 2 idle cores)
#   --quick    CI smoke run (the notebooks' Quick = true): seconds per notebook, measures nothing
#   --full     paper-scale epochs and data sizes (the notebooks' Full = true), without a time limit per cell
# Other options go to the runner:
#   --param Name=Value (repeatable), --cell-timeout SECONDS, --fail-fast.   OUT=dir changes the output folder.
# Exits non-zero when a notebook fails; prints where the report is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode=()
args=()
timeout_given=no
for arg in "$@"; do
  case "$arg" in
    --full) mode=(--full) ;;
    --quick) mode=(--quick) ;;
    --cell-timeout|--cell-timeout=*) timeout_given=yes; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
# A quick or default-size cell still running after 15 minutes is stuck; --full cells may take hours.
if [ "${mode[*]-}" != "--full" ] && [ "$timeout_given" = no ]; then
  args+=(--cell-timeout 900)
fi

CHROMIUM=skip bash .ci/install-prerequisites.sh
dotnet build lib/MultiLabelContrastive.Runner/MultiLabelContrastive.Runner.csproj -c Release -v quiet -nologo
exec dotnet lib/MultiLabelContrastive.Runner/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Runner.dll \
  notebooks --out "${OUT:-artifacts}" ${mode[@]+"${mode[@]}"} ${args[@]+"${args[@]}"}
