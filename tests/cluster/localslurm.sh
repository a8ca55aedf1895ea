# A single-node Slurm cluster on this machine, for the cluster tests: munge with its own key and
# socket, slurmctld and slurmd on private ports with their state under one folder. Sourced:
#   local_slurm_start DIR   starts it (as root), exports SLURM_CONF; returns non-zero with the
#                           daemons' logs on stderr when it does not come up within 30 s
#   local_slurm_stop        stops what local_slurm_start started (call it from a trap)
# Nothing outside DIR is written, and no daemon of the machine is touched.

local_slurm_pids=()

local_slurm_free_port() { # a TCP port nothing on 127.0.0.1 listens on
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

local_slurm_stop() {
    local pid
    for pid in "${local_slurm_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${local_slurm_pids[@]}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    done
    local_slurm_pids=()
}

local_slurm_logs() {
    local log
    for log in "$1"/log/*.log; do
        [[ -f "$log" ]] || continue
        echo "---- $log (last lines)" >&2
        tail -n 15 "$log" >&2
    done
}

local_slurm_start() {
    local dir=$1 host cpus auth ctld_port slurmd_port
    host=$(hostname -s)
    cpus=$(nproc)
    mkdir -p "$dir"/{munge,state,spool,log,run}
    chmod 700 "$dir/munge"

    # munge with a key and socket of its own; without munged, Slurm's auth/none plugin.
    auth="AuthType=auth/none
CredType=cred/none"
    if command -v munged >/dev/null; then
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
        chmod 400 "$dir/munge/munge.key"
        munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
            --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
            --seed-file="$dir/munge/munged.seed" || { local_slurm_logs "$dir"; return 1; }
        for _ in $(seq 1 50); do
            [[ -s "$dir/munge/munged.pid" && -S "$dir/munge/munge.socket" ]] && break
            sleep 0.1
        done
        local_slurm_pids+=("$(cat "$dir/munge/munged.pid")")
        auth="AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket"
    fi

    ctld_port=$(local_slurm_free_port) && slurmd_port=$(local_slurm_free_port) || {
        echo "localslurm: no free port for slurmctld and slurmd" >&2
        return 1
    }
    [[ "$ctld_port" != "$slurmd_port" ]] || slurmd_port=$((ctld_port + 1))
    cat >"$dir/slurm.conf" <<CONF
ClusterName=nqitest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
$auth
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd-%n.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=nqitest Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$dir/slurm.conf"
    mkdir -p "$dir/spool/$host"
    slurmctld -i -f "$SLURM_CONF" || { local_slurm_logs "$dir"; return 1; }
    slurmd -f "$SLURM_CONF" || { local_slurm_logs "$dir"; return 1; }
    local pidfile
    for pidfile in "$dir/run/slurmctld.pid" "$dir/run/slurmd-$host.pid"; do
        for _ in $(seq 1 50); do
            [[ -s "$pidfile" ]] && break
            sleep 0.1
        done
        [[ -s "$pidfile" ]] && local_slurm_pids+=("$(cat "$pidfile")")
    done
    # Up when the node is idle (it registers within a few seconds).
    local state=
    for _ in $(seq 1 300); do
        state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
        [[ "$state" == idle* ]] && return 0
        sleep 0.1
    done
    echo "localslurm: the node $host did not become idle within 30 s (state: ${state:-none})" >&2
    local_slurm_logs "$dir"
    return 1
}
