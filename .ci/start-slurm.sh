#!/usr/bin/env bash
# A private single-node Slurm cluster on localhost for the sweep tests (tests/MultiLabelContrastive.Sweeps.Tests):
# its own munged (own socket and key), slurmctld and slurmd, configured for this machine's cores and memory, no GPU
# gres, in the folder $MLC_SLURM_DIR (default /tmp/mlc-slurm). Nothing under /etc is touched, so it does not disturb a
# real Slurm installation; clients find it through SLURM_CONF=$MLC_SLURM_DIR/slurm.conf.
#
#   bash .ci/start-slurm.sh start   # idempotent: a running cluster (all three daemons answering) is left as it is
#   bash .ci/start-slurm.sh stop    # stops the three daemons started here (by their pid files)
#   bash .ci/start-slurm.sh status  # exit 0 when the cluster answers
#
# Sandboxes and containers often lack a writable cgroup hierarchy, so the plugins used are those that need none:
# proctrack/linuxproc (process tree from /proc), task/none, jobacct_gather/none, no accounting storage. Needs Debian's
# slurm-wlm (slurmctld, slurmd, slurm-client) and munge (.ci/install-prerequisites.sh) and root, or a user that may run
# the daemons (SlurmUser and SlurmdUser are the calling user).
set -euo pipefail

dir="${MLC_SLURM_DIR:-/tmp/mlc-slurm}"
ctld_port="${MLC_SLURM_PORT:-6917}"
export SLURM_CONF="$dir/slurm.conf"

munge_pid() { cat "$dir/munged.pid" 2>/dev/null || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

answers() {
  [ -f "$SLURM_CONF" ] || return 1
  timeout 10 sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'
}

stop() {
  local name pid
  for name in slurmd slurmctld munged; do
    pid=$(cat "$dir/$name.pid" 2>/dev/null || true)
    if alive "$pid"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
      alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/$name.pid"
  done
  echo "[slurm] stopped"
}

start() {
  if answers; then
    echo "[slurm] already running (SLURM_CONF=$SLURM_CONF)"
    return 0
  fi
  for tool in munged slurmctld slurmd sinfo sbatch; do
    command -v "$tool" >/dev/null || { echo "[slurm] $tool not found: install slurm-wlm and munge (bash .ci/install-prerequisites.sh)" >&2; exit 1; }
  done
  stop >/dev/null
  local user cpus mem_mb
  user=$(id -un)
  cpus=$(nproc)
  # RealMemory a little below the total so that slurmd's own measurement is never smaller (a node reporting less
  # memory than configured is drained).
  mem_mb=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  mkdir -p "$dir/ctld" "$dir/spool" "$dir/log"
  chmod 700 "$dir"

  # munge: a key of our own (munged insists on private files and folders).
  [ -s "$dir/munge.key" ] || { dd if=/dev/urandom of="$dir/munge.key" bs=1 count=1024 status=none; }
  chmod 600 "$dir/munge.key"
  munged --force --socket="$dir/munge.socket" --key-file="$dir/munge.key" --pid-file="$dir/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munged.seed"

  cat > "$SLURM_CONF" <<CONF
# Written by .ci/start-slurm.sh: a single-node test cluster on localhost.
ClusterName=mlc-ci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# without a default a job is given the whole node's memory and array tasks cannot run side by side
DefMemPerCPU=$((mem_mb / cpus))
ReturnToService=2
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=10
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1
MessageTimeout=20
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF

  slurmctld -f "$SLURM_CONF" -i
  slurmd -f "$SLURM_CONF" -N localhost
  for _ in $(seq 60); do
    if answers; then
      echo "[slurm] running: $cpus CPUs, ${mem_mb} MB on localhost (SLURM_CONF=$SLURM_CONF)"
      return 0
    fi
    # a node left DOWN by an earlier run comes back with ReturnToService=2; nudge it in case
    timeout 5 scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true
    sleep 1
  done
  echo "[slurm] the cluster did not come up; logs in $dir/log:" >&2
  tail -n 20 "$dir"/log/*.log >&2 || true
  exit 1
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
