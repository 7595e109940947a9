#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian 12 / Ubuntu machine. Idempotent:
# every step first checks whether it is already satisfied.
#  1. libstdc++ with GLIBCXX_3.4.32 (TorchSharp 0.107 / libtorch 2.10 needs it; Debian 12
#     ships 3.4.30): installed from Debian trixie, pinned so that only it and its
#     dependencies move.
#  2. Debian's chromium (headless browser for the report tests), when CHROMIUM is not "skip".
#  3. Python's jsonschema (nbformat schema validation in the notebook tests).
set -euo pipefail

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

libstdcxx_ok() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
    # (no pipe into grep -q: with pipefail, strings would die of SIGPIPE)
    [ -e "$lib" ] && [ "$(strings "$lib" | grep -c GLIBCXX_3.4.32)" -gt 0 ] && return 0
  done
  return 1
}

if libstdcxx_ok; then
  echo "[prereq] libstdc++ has GLIBCXX_3.4.32"
else
  if ! grep -q '^ID=debian' /etc/os-release; then
    echo "[prereq] libstdc++ lacks GLIBCXX_3.4.32 and this is not Debian: install a libstdc++6 from GCC >= 13 (Ubuntu 24.04 has it)" >&2
    exit 1
  fi
  echo "[prereq] installing libstdc++6 from Debian trixie (pinned)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial"
  cat > "$work/sources.list" <<SRC
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
SRC
  opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=-"
        -o "Dir::State::Lists=$work/lists" -o "APT::Default-Release=bookworm")
  sudo_if_needed apt-get "${opts[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get "${opts[@]}" install -y -qq -t trixie libstdc++6 >/dev/null
  libstdcxx_ok || { echo "[prereq] libstdc++6 from trixie still lacks GLIBCXX_3.4.32" >&2; exit 1; }
  echo "[prereq] libstdc++ now has GLIBCXX_3.4.32"
fi

if [ "${CHROMIUM:-}" != "skip" ]; then
  if [ -x /usr/bin/chromium ]; then
    echo "[prereq] chromium present"
  elif command -v apt-get >/dev/null; then
    echo "[prereq] installing chromium"
    sudo_if_needed apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium >/dev/null
  fi
fi

# 3. Python's jsonschema: the notebook tests validate executed .ipynb files against the official nbformat 4.5 schema
#    with it (the validator nbformat itself uses). Any python3 on PATH with the module will do; else Debian's package.
if python3 -c 'import jsonschema' 2>/dev/null || /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  echo "[prereq] python3 jsonschema present"
elif command -v apt-get >/dev/null; then
  echo "[prereq] installing python3-jsonschema"
  sudo_if_needed apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq python3-jsonschema >/dev/null
fi

# 4. The devcontainer CLI (npm package @devcontainers/cli; Node.js >= 20): the devcontainer tests validate
#    .devcontainer/devcontainer.json with `devcontainer read-configuration`. The same version as the Dockerfile's
#    DEVCONTAINERS_CLI_VERSION and the tests' DevcontainerCli.Version. A failed install only warns: the tests then
#    say what is missing.
DEVCONTAINERS_CLI_VERSION=0.89.0
if command -v devcontainer >/dev/null 2>&1; then
  echo "[prereq] devcontainer CLI present"
elif command -v npm >/dev/null 2>&1; then
  echo "[prereq] installing @devcontainers/cli@$DEVCONTAINERS_CLI_VERSION (npm -g)"
  if [ "$(id -u)" -eq 0 ] || [ -w "$(npm prefix -g)/lib" ]; then
    npm install -g --no-fund --no-audit "@devcontainers/cli@$DEVCONTAINERS_CLI_VERSION" >/dev/null 2>&1 ||
      echo "[prereq] warning: npm install -g @devcontainers/cli@$DEVCONTAINERS_CLI_VERSION failed" >&2
  else
    sudo npm install -g --no-fund --no-audit "@devcontainers/cli@$DEVCONTAINERS_CLI_VERSION" >/dev/null 2>&1 ||
      echo "[prereq] warning: sudo npm install -g @devcontainers/cli@$DEVCONTAINERS_CLI_VERSION failed" >&2
  fi
else
  echo "[prereq] warning: npm not found; the devcontainer tests need Node.js >= 20 and @devcontainers/cli@$DEVCONTAINERS_CLI_VERSION" >&2
fi

# 5. Debian's Jupyter client side (python3-jupyter-client, python3-zmq, python3-nbclient, the `jupyter kernelspec`
#    command): the kernel tests drive the C# kernel (lib/MultiLabelContrastive.Kernel) with a real Jupyter client and
#    execute a notebook through it with nbclient. They use /usr/bin/python3 (apt's), whatever python3 is on PATH.
if /usr/bin/python3 -c "import jupyter_client, zmq, nbclient" >/dev/null 2>&1 && [ -x /usr/bin/jupyter-kernelspec ]; then
  echo "[prereq] jupyter_client, pyzmq, nbclient present"
elif command -v apt-get >/dev/null; then
  echo "[prereq] installing python3-jupyter-client python3-zmq python3-nbclient jupyter-client jupyter-core"
  sudo_if_needed apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq \
    python3-jupyter-client python3-zmq python3-nbclient jupyter-client jupyter-core >/dev/null
fi

# 6. KaTeX for the report's math: the build of lib/MultiLabelContrastive.Notebooks fetches the npm package katex once
#    (`npm pack`, into its obj/ folder; see Katex.targets). Without npm, Debian's libjs-katex serves the same files.
if command -v npm >/dev/null 2>&1 || [ -e /usr/share/javascript/katex/katex.min.js ] || [ -n "${KATEX_DIST:-}" ]; then
  echo "[prereq] KaTeX source present (npm, libjs-katex or KATEX_DIST)"
elif command -v apt-get >/dev/null; then
  echo "[prereq] installing libjs-katex (no npm for the build's KaTeX fetch)"
  sudo_if_needed apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq libjs-katex >/dev/null
fi

# 7. Debian's classic Jupyter Notebook front end (jupyter-notebook): a kernel test opens a notebook in it with Chromium,
#    picks our kernel and runs all cells (the path of a Jupyter user, through a client no one here wrote).
if [ -x /usr/bin/jupyter-notebook ]; then
  echo "[prereq] jupyter-notebook present"
elif command -v apt-get >/dev/null; then
  echo "[prereq] installing jupyter-notebook"
  sudo_if_needed apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq jupyter-notebook >/dev/null
fi

# 8. Debian's Slurm (slurmctld, slurmd, slurm-client) and munge: the sweep tests submit job arrays to a real single-node
#    cluster on localhost, which .ci/start-slurm.sh starts (its own munged, key and config; nothing under /etc is used).
#    The packages' services are not started here (no init system is assumed).
if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
  echo "[prereq] slurm-wlm and munge present"
elif command -v apt-get >/dev/null; then
  echo "[prereq] installing slurmctld slurmd slurm-client munge"
  sudo_if_needed apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi
