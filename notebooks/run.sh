#!/usr/bin/env bash
# The main job: installs what is missing (idempotent), builds the notebook runner (Release) and executes every notebook
# of notebooks/ in name order, writing artifacts/ (executed notebooks, HTML report, summary.json). Quick by default
# (the notebooks' Quick parameter = true, each cell limited to 600 s); --full runs them at full size, without a time
# limit. Other options go to the runner:
#   --param Name=Value (repeatable), --cell-timeout SECONDS, --fail-fast.   OUT=dir changes the output folder.
# Exits non-zero when a notebook fails; prints where the report is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode=(--quick)
args=()
timeout_given=no
for arg in "$@"; do
  case "$arg" in
    --full) mode=() ;;
    --quick) mode=(--quick) ;;
    --cell-timeout|--cell-timeout=*) timeout_given=yes; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
# Quick runs are meant to take seconds per cell: a cell still running after 10 minutes is stuck (CI has 90 minutes).
if [ ${#mode[@]} -gt 0 ] && [ "$timeout_given" = no ]; then
  args+=(--cell-timeout 600)
fi

CHROMIUM=skip bash .ci/install-prerequisites.sh
dotnet build lib/MultiLabelContrastive.Runner/MultiLabelContrastive.Runner.csproj -c Release -v quiet -nologo
exec dotnet lib/MultiLabelContrastive.Runner/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Runner.dll \
  notebooks --out "${OUT:-artifacts}" ${mode[@]+"${mode[@]}"} ${args[@]+"${args[@]}"}
