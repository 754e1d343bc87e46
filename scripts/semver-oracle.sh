#!/usr/bin/env bash
# cargo-semver-checks as the oracle for `specgen diff`'s crate verdict. For each pair of specs
# — one per change kind diff knows (scripts/semver-pairs.py), and the real revisions of
# scripts/diff-pairs.sh — in the default and the exhaustive mode: generate the crate for the
# old and the new spec (`specgen generate --crate`, runtime by path), ask cargo-semver-checks
# whether a minor release suffices (`--baseline-root OLD --release-type minor`), and compare
# with `specgen diff`'s verdict. diff must never say less than cargo-semver-checks finds;
# where it says more, the table gives diff's reason (its first major change). A pair whose
# crate cargo-semver-checks cannot document (a generated crate that does not build) fails
# the run too. Crates and
# diffs keep the schemas no operation uses (`--keep-unused-schemas`), as many change kinds
# are about a component alone.
#
#   scripts/semver-oracle.sh                 # every pair, both modes
#   scripts/semver-oracle.sh --kinds-only    # the change kinds, not the real revisions
#   scripts/semver-oracle.sh --no-install    # use the cargo-semver-checks on PATH
#
# Results: .corpus-cache/semver-oracle/results.tsv, and a Markdown table on stdout. Exits with
# 1 when diff under-reports a pair or a pair cannot be checked.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SPECGEN_CORPUS_CACHE:-$root/.corpus-cache}"
work="$cache/semver-oracle"
semver_checks_version=0.51.0

install=1
real=1
for arg in "$@"; do
    case "$arg" in
        --kinds-only) real=0 ;;
        --no-install) install=0 ;;
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done

if [[ $install == 1 ]] && ! cargo semver-checks --version 2>/dev/null | grep -qF "$semver_checks_version"; then
    cargo install --locked cargo-semver-checks --version "$semver_checks_version"
fi
cd "$root"
cargo build --quiet -p specgen --bin specgen
specgen="${CARGO_TARGET_DIR:-$root/target}/debug/specgen"

mkdir -p "$work"
rm -rf "$work/pairs" "$work/crates"
python3 scripts/semver-pairs.py "$work/pairs" >/dev/null
if [[ $real == 1 ]]; then
    SPECGEN="$specgen" scripts/diff-pairs.sh >/dev/null
    # The same specs diff-pairs.sh fetched: name, package slug, old and new version, path.
    while read -r name slug old new path; do
        mkdir -p "$work/pairs/real-$name"
        ext="${path##*.}"
        cp "$cache/packages/$slug-$old/$path" "$work/pairs/real-$name/old.$ext"
        cp "$cache/packages/$slug-$new/$path" "$work/pairs/real-$name/new.$ext"
    done <<'EOF'
figma      figma-rest-api-spec   0.35.0  0.43.0  openapi/openapi.yaml
blockfrost blockfrost-openapi    0.1.84  0.1.93  openapi.yaml
EOF
fi

modes=(default exhaustive)
generate_knows_modes=1
if ! "$specgen" generate --help | grep -q -- --exhaustive-types; then
    # An emitter from before `#[non_exhaustive]` types writes what is now the exhaustive mode.
    echo "semver-oracle: \`specgen generate\` has no --exhaustive-types: its output is the exhaustive mode, checked alone" >&2
    modes=(exhaustive)
    generate_knows_modes=0
fi

# Every schema in the crate, used or not, where specgen can leave unused ones out.
schema_flags=()
if "$specgen" generate --help | grep -q -- --keep-unused-schemas; then
    schema_flags=(--keep-unused-schemas)
fi

# Every crate builds its docs in one target directory, so the runtime's dependencies are
# compiled once.
export CARGO_TARGET_DIR="$work/target"
results="$work/results.tsv"
printf 'pair\tmode\tdiff\tsemver-checks\tverdict\twhy\n' >"$results"
under=0
errors=0
for dir in "$work"/pairs/*/; do
    pair="$(basename "$dir")"
    old_spec="$(ls "$dir"old.*)"
    new_spec="$(ls "$dir"new.*)"
    for mode in "${modes[@]}"; do
        flags=("${schema_flags[@]}")
        [[ $mode == exhaustive ]] && flags+=(--exhaustive-types)
        generate_flags=()
        [[ $generate_knows_modes == 1 ]] && generate_flags=("${flags[@]}")
        [[ $generate_knows_modes == 0 ]] && generate_flags=("${schema_flags[@]}")
        crates="$work/crates/$pair-$mode"
        for side in old new; do
            spec="$old_spec"
            [[ $side == new ]] && spec="$new_spec"
            "$specgen" generate "$spec" --crate "$crates/$side" --name oracle-pair \
                --runtime-path runtime "${generate_flags[@]}" 2>/dev/null
            # A crate of its own, not a member of this repository's workspace.
            printf '\n[workspace]\n' >>"$crates/$side/Cargo.toml"
        done
        diff_bump="$("$specgen" diff --format json "${flags[@]}" "$old_spec" "$new_spec" |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["semver"])')"
        why="$("$specgen" diff --format json "${flags[@]}" "$old_spec" "$new_spec" | python3 -c '
import json, sys
major = [c for c in json.load(sys.stdin)["changes"] if c["semver"] == "major"]
print((major[0]["id"] + ": " + major[0]["message"]).replace("\t", " ").replace("|", "/")[:160] if major else "")')"
        log="$crates/semver-checks.log"
        if cargo semver-checks check-release --manifest-path "$crates/new/Cargo.toml" \
            --baseline-root "$crates/old" --release-type minor >"$log" 2>&1; then
            checks="minor-ok"
        elif grep -q "requires new major version" "$log"; then
            checks="major"
        else
            checks="error"
        fi
        case "$checks:$diff_bump" in
            major:major) verdict="agrees"; why="" ;;
            minor-ok:major) verdict="diff larger" ;;
            minor-ok:*) verdict="agrees"; why="" ;;
            major:*) verdict="DIFF SMALLER"; under=$((under + 1)); why="$(grep -m1 -E '^--- failure' "$log" || true)" ;;
            *) verdict="error (see $log)"; errors=$((errors + 1)); why="" ;;
        esac
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$mode" "$diff_bump" "$checks" "$verdict" "$why" >>"$results"
        echo "semver-oracle: $pair ($mode): diff $diff_bump, cargo-semver-checks $checks: $verdict" >&2
    done
done

python3 - "$results" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| pair | mode | diff | cargo-semver-checks | verdict | why diff says more |")
print("| --- | --- | --- | --- | --- | --- |")
for r in rows:
    print("| {pair} | {mode} | {diff} | {semver-checks} | {verdict} | {why} |".format(**r))
agree = sum(r["verdict"] == "agrees" for r in rows)
print(f"\n{len(rows)} pairs: {agree} agree, "
      f"{sum(r['verdict'] == 'diff larger' for r in rows)} where diff says more, "
      f"{sum(r['verdict'] == 'DIFF SMALLER' for r in rows)} where it says less, "
      f"{sum(r['verdict'].startswith('error') for r in rows)} errors.")
PY
[[ $under == 0 && $errors == 0 ]]
