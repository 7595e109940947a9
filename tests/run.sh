#!/usr/bin/env bash
# The project's test command (README, `.ci/run`): installs what is missing (idempotent), then runs every test
# project of the solution. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash .ci/install-prerequisites.sh
dotnet build Notebooks.sln -c Release
dotnet test Notebooks.sln -c Release --no-build "$@"
