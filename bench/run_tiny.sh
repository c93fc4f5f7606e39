#!/usr/bin/env bash
# Runs every benchmark in bench/ at a tiny scale (seconds each) so none can rot unseen.
# Fails if a script exits non-zero, or if the last line it prints is not one JSON object
# naming its bench. A new bench/*.py that is not listed here fails the run too.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME bench/run_tiny.sh
#
# The PostgreSQL benchmarks create and drop their own NAME_bench database.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
case "${DATABASE_URL:-}" in
postgres*) ;;
*) echo "bench/run_tiny.sh needs DATABASE_URL=postgres://… (the benchmarks measure PostgreSQL)" >&2; exit 1 ;;
esac

# script -> arguments (and environment) for a tiny run
declare -A TINY=(
    [intake.py]="72"
    [anonymize.py]="--n 300 --k 5"
    [catalog.py]="--products 300 --requests 40"
    [build.py]="--resumes 300"
    [query.py]="--candidates 300 --runs 4"
    [settlement.py]="--members 300"
    [purchases.py]="--threads 3 --orders 3"
    [load.py]="--users 5 --seconds 8 --products 20 --candidates 200"
)
MODULES=" population.py census.py load_users.py "  # imported by the others, not run

failed=0
for script in bench/*.py; do
    name=$(basename "$script")
    [[ "$MODULES" == *" $name "* ]] && continue
    if [[ -z "${TINY[$name]+set}" ]]; then
        echo "bench/run_tiny.sh: $name has no tiny-scale entry; add one" >&2
        failed=1
        continue
    fi
    started=$(date +%s)
    # shellcheck disable=SC2086
    if ! out=$(timeout 600 "$PYTHON" "$script" ${TINY[$name]} 2>/tmp/bench-tiny-$$.err); then
        echo "FAIL $name (exit code $?):" >&2
        tail -20 "/tmp/bench-tiny-$$.err" >&2
        failed=1
        continue
    fi
    last=$(printf '%s\n' "$out" | tail -1)
    if ! printf '%s' "$last" | "$PYTHON" -c "import json,sys; d=json.loads(sys.stdin.read()); assert isinstance(d, dict) and d.get('bench') and 'seconds' in d" 2>/dev/null; then
        echo "FAIL $name: its last line is not one JSON object with bench and seconds: $last" >&2
        failed=1
        continue
    fi
    echo "ok   $name ($(( $(date +%s) - started )) s): $last"
done
rm -f "/tmp/bench-tiny-$$.err"
exit $failed
