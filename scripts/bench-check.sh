#!/usr/bin/env bash
# `specgen check` speed and memory, beside Redocly CLI and Spectral on the same specs.
#
#   scripts/bench-check.sh [--peers] [--peer-timeout SECONDS] [--runs N] [SPEC...]
#
# Measures, with /usr/bin/time, the wall time, the CPU time and the maximum resident set
# size of `specgen check` (release build, no config) on:
#   - a synthetic spec at 1x, 2x and 4x (scripts/synthetic-spec.py: 680, 1360 and 2720
#     resources, 3, 6 and 12 MB of YAML), to show how time and memory grow with size;
#   - the largest public spec of the corpus, GitHub's REST description (12.4 MB of JSON,
#     npm package @octokit/openapi, as scripts/corpus.sh fetches it);
#   - every SPEC given (BitGo's published api.yaml, say).
# Each `specgen check` is run N times (default 3) and the fastest run is shown.
#
# --peers also runs Redocly CLI (`lint`, recommended rules) and Spectral (`spectral:oas`)
# once on each SPEC, stopped after --peer-timeout seconds (default 600; the row then says
# so: Spectral does not finish the 1x synthetic spec in 10 minutes). They are pinned in
# scripts/check-peers/package-lock.json and installed with `npm ci` into the git-ignored
# scripts/check-peers/node_modules. Redocly runs with --max-problems 1000000 so that it
# counts every finding (its default stops at 100).
#
# Prints a Markdown table: spec, size, tool, wall time, CPU time, max RSS, RSS / size,
# findings. Nothing is written outside .corpus-cache/ (ignored by git).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SPECGEN_CORPUS_CACHE:-$root/.corpus-cache}"
work="$cache/bench-check"
peers=0
peer_timeout=600
runs=3
specs=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --peers) peers=1 ;;
        --runs) runs="$2"; shift ;;
        --peer-timeout) peer_timeout="$2"; shift ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) specs+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")") ;;
    esac
    shift
done
[[ -x /usr/bin/time ]] || { echo "bench-check: needs /usr/bin/time (Debian package time)" >&2; exit 2; }
mkdir -p "$work" "$cache/tarballs"

echo "bench-check: building specgen (release)" >&2
cargo build --release --quiet -p specgen --bin specgen --manifest-path "$root/Cargo.toml"
specgen="${CARGO_TARGET_DIR:-$root/target}/release/specgen"

# The synthetic specs.
synthetic=()
for scale in 1 2 4; do
    spec="$work/synthetic-${scale}x.yaml"
    [[ -s "$spec" ]] || python3 "$root/scripts/synthetic-spec.py" $((680 * scale)) >"$spec"
    synthetic+=("$spec")
done

# GitHub's description, fetched by package name as scripts/corpus.sh does.
github="$cache/packages/octokit-openapi@23.0.2/generated/api.github.com.json"
if [[ ! -s "$github" ]]; then
    tarball="$cache/tarballs/octokit-openapi@23.0.2.tgz"
    if [[ ! -s "$tarball" ]]; then
        echo "bench-check: fetching @octokit/openapi@23.0.2" >&2
        packed="$(cd "$cache/tarballs" && npm pack --silent @octokit/openapi@23.0.2 | tail -n 1)"
        mv "$cache/tarballs/$packed" "$tarball"
    fi
    mkdir -p "$(dirname "$github")"
    tar -xzf "$tarball" -C "$cache/packages/octokit-openapi@23.0.2" --strip-components=1 \
        package/generated/api.github.com.json
fi

if [[ $peers == 1 ]]; then
    peers_dir="$root/scripts/check-peers"
    [[ -x "$peers_dir/node_modules/.bin/redocly" ]] || npm ci --prefix "$peers_dir" --no-audit --no-fund >&2
    redocly="$peers_dir/node_modules/.bin/redocly"
    spectral="$peers_dir/node_modules/.bin/spectral"
    printf 'extends: ["spectral:oas"]\n' >"$work/spectral.yaml"
    # Redocly's recommended rules, and no telemetry or update check.
    printf 'extends:\n  - recommended\n' >"$work/redocly.yaml"
    export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
fi

# Runs a command under /usr/bin/time, stopped after `limit` seconds; sets elapsed, cpu,
# rss (kB) and timed_out; its stdout goes to $out.
out="$work/out.json"
limit=0
measure() {
    local status=0
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" timeout "$limit" "$@" >"$out" 2>"$work/stderr" ||
        status=$?
    timed_out=$(( status == 124 ))
    read -r elapsed user system rss < <(tail -n 1 "$work/time")
    cpu="$(printf '%.2f' "$(echo "$user + $system" | bc)")"
}

count_specgen() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$out"; }
count_redocly() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["problems"]))' "$out"; }
count_spectral() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$out"; }

peer_count() { if [[ $timed_out == 1 ]]; then echo "stopped after $peer_timeout s"; else "$1"; fi; }

row() { # spec size tool findings
    local size_mb ratio
    size_mb="$(printf '%.1f' "$(echo "$2 / 1000000" | bc -l)")"
    ratio="$(printf '%.1f' "$(echo "$rss * 1024 / $2" | bc -l)")"
    printf '| %s | %s MB | %s | %s s | %s s | %s MB | %s× | %s |\n' \
        "$1" "$size_mb" "$3" "$elapsed" "$cpu" "$(( rss * 1024 / 1000000 ))" "$ratio" "$4"
}

echo "bench-check: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| spec | size | tool | wall | CPU | max RSS | RSS/size | findings |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
for spec in "${synthetic[@]}" "$github" "${specs[@]}"; do
    size="$(stat -c %s "$spec")"
    name="$(basename "$spec")"
    best=""
    limit=0
    for _ in $(seq "$runs"); do
        measure "$specgen" check --no-config --format json "$spec"
        if [[ -z "$best" ]] || (( $(echo "$elapsed < ${best%% *}" | bc) )); then
            best="$elapsed $cpu $rss"
        fi
    done
    read -r elapsed cpu rss <<<"$best"
    row "$name" "$size" "specgen check" "$(count_specgen)"
    if [[ $peers == 1 && " ${specs[*]} " == *" $spec "* ]]; then
        limit="$peer_timeout"
        measure "$redocly" lint --config "$work/redocly.yaml" --format json \
            --max-problems 1000000 "$spec"
        row "$name" "$size" "Redocly CLI $("$redocly" --version 2>/dev/null)" \
            "$(peer_count count_redocly)"
        measure "$spectral" lint --quiet -r "$work/spectral.yaml" -f json "$spec"
        row "$name" "$size" "Spectral $("$spectral" --version 2>/dev/null)" \
            "$(peer_count count_spectral)"
    fi
done
