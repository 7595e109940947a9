#!/usr/bin/env bash
# Executes every notebook of notebooks/ through the Jupyter kernel mlc-csharp with nbclient (what
# `jupyter nbconvert --execute --ExecutePreprocessor.kernel_name=mlc-csharp` does), quick by default.
#   --full                 full size (no injected Quick = true)
#   --compare-with DIR     also check each notebook's outputs (types, streams, MIME types per cell) against the executed
#                          copy of the same name in DIR, e.g. the runner's artifacts/notebooks
#   OUT=dir                where the executed notebooks go (default artifacts/kernel-notebooks)
# The kernelspec is installed into a private folder (the user's Jupyter setup is left alone). Exits non-zero when a
# notebook fails or differs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"

quick=(--quick)
compare=""
while [ $# -gt 0 ]; do
  case "$1" in
    --full) quick=() ;;
    --quick) quick=(--quick) ;;
    --compare-with) compare="$(cd "$2" && pwd)"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

CHROMIUM=skip bash .ci/install-prerequisites.sh
dotnet build lib/MultiLabelContrastive.Kernel/MultiLabelContrastive.Kernel.csproj -c Release -v quiet -nologo
jupyter_home="$(mktemp -d)"
trap 'rm -rf "$jupyter_home"' EXIT
dotnet lib/MultiLabelContrastive.Kernel/bin/Release/net10.0/linux-x64/MultiLabelContrastive.Kernel.dll \
  install-kernel --data-dir "$jupyter_home/data" >/dev/null
export JUPYTER_PATH="$jupyter_home/data" JUPYTER_DATA_DIR="$jupyter_home/data" JUPYTER_RUNTIME_DIR="$jupyter_home/runtime"

out="${OUT:-artifacts/kernel-notebooks}"
mkdir -p "$out"
failed=0
for notebook in notebooks/*.ipynb; do
  name="$(basename "$notebook")"
  args=("$notebook" "$out/$name" mlc-csharp ${quick[@]+"${quick[@]}"})
  [ -n "$compare" ] && args+=(--compare-with "$compare/$name")
  start=$SECONDS
  if /usr/bin/python3 lib/MultiLabelContrastive.Kernel/scripts/execute_notebook.py "${args[@]}"; then
    echo "ok     $name ($((SECONDS - start)) s)"
  else
    echo "FAILED $name ($((SECONDS - start)) s)"
    failed=1
  fi
done
echo "executed notebooks: $out"
exit $failed
