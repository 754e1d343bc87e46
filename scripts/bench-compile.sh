#!/usr/bin/env bash
# What generated code costs its users: the from-scratch `cargo check` of a generated client,
# as a first build or a CI run sees it. For each client a crate is generated, its
# dependencies are built with a stub lib.rs, the generated lib.rs is put back, the crate is
# `cargo clean -p`-ed, and `cargo check` (CARGO_INCREMENTAL=0, offline) runs under
# /usr/bin/time -v: its wall time, and the max RSS of the largest process (rustc).
#
#   scripts/bench-compile.sh                      # identity clients, GitHub --include-tag repos,
#                                                 # GitHub, GitHub --keep-unused-schemas
#   scripts/bench-compile.sh --no-full-github     # without the two full GitHub clients (~5 min, ~8 GB)
#   scripts/bench-compile.sh --openapi-generator  # the same specs through openapi-generator's `rust`
#                                                 # generator too, where it has an equivalent
#
# openapi-generator is PyPI's `openapi-generator-cli` (pinned below; it bundles the jar and
# needs java), installed into a virtualenv under target/. GitHub's description comes from
# scripts/corpus.sh's cache (.corpus-cache/, or SPECGEN_CORPUS_CACHE); only its package is
# fetched when it is missing. Results: a Markdown table on stdout and
# target/bench-compile/results.tsv.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SPECGEN_CORPUS_CACHE:-$root/.corpus-cache}"
work="${CARGO_TARGET_DIR:-$root/target}/bench-compile"

OPENAPI_GENERATOR_VERSION=7.26.0
GITHUB_PACKAGE=@octokit/openapi@23.0.2
GITHUB_SPEC=generated/api.github.com.json

full_github=1
peer=0
for arg in "$@"; do
    case "$arg" in
        --no-full-github) full_github=0 ;;
        --openapi-generator) peer=1 ;;
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done
for tool in /usr/bin/time cargo; do
    command -v "$tool" >/dev/null || { echo "bench-compile: $tool is needed" >&2; exit 2; }
done

# GitHub's description, fetched as scripts/corpus.sh fetches it.
slug="${GITHUB_PACKAGE#@}"
slug="${slug//\//-}"
github="$cache/packages/$slug/$GITHUB_SPEC"
if [[ ! -s "$github" ]]; then
    mkdir -p "$cache/tarballs" "$cache/packages/$slug"
    tarball="$cache/tarballs/$slug.tgz"
    if [[ ! -s "$tarball" ]]; then
        echo "bench-compile: fetching $GITHUB_PACKAGE" >&2
        packed="$(cd "$cache/tarballs" && npm pack --silent "$GITHUB_PACKAGE" | tail -n 1)"
        mv "$cache/tarballs/$packed" "$tarball"
    fi
    tar -xzf "$tarball" -C "$cache/packages/$slug" --strip-components=1 "package/$GITHUB_SPEC"
fi

# label, spec, specgen options, whether openapi-generator has the same client.
subjects=(
    "bitgo-evs-kyc|$root/specs/bitgo-evs-kyc.yaml||1"
    "paxos-identity-v2|$root/specs/paxos-identity-v2.yaml||1"
    "paxos-identity-v2-revised|$root/specs/paxos-identity-v2-revised.yaml||1"
    "github --include-tag repos|$github|--include-tag repos|0"
)
if [[ $full_github == 1 ]]; then
    # openapi-generator writes every schema, used or not: its one row sits beside both.
    subjects+=("github|$github||1" "github --keep-unused-schemas|$github|--keep-unused-schemas|0")
fi

mkdir -p "$work"
cd "$root"
cargo build --release --quiet -p specgen
specgen="${CARGO_TARGET_DIR:-$root/target}/release/specgen"

if [[ $peer == 1 ]]; then
    command -v java >/dev/null || { echo "bench-compile: openapi-generator needs java" >&2; exit 2; }
    venv="$work/openapi-generator-$OPENAPI_GENERATOR_VERSION"
    if [[ ! -x "$venv/bin/openapi-generator-cli" ]]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet "openapi-generator-cli==$OPENAPI_GENERATOR_VERSION"
    fi
fi

export CARGO_INCREMENTAL=0
results="$work/results.tsv"
printf 'client\tgenerator\tlines\tseconds\tmax_rss_kb\n' >"$results"

# The generated crate in $1 (package $2) checked from scratch with target dir $3; appends
# a row for client $4 and generator $5.
measure() {
    local dir="$1" package="$2" target="$3" client="$4" generator="$5"
    local lines log seconds rss
    lines=$(find "$dir/src" -name '*.rs' -exec cat {} + | wc -l)
    # The dependencies, built with the generated code out of the way.
    mv "$dir/src/lib.rs" "$dir/lib.rs.generated"
    : >"$dir/src/lib.rs"
    (cd "$dir" && CARGO_TARGET_DIR="$target" cargo check --quiet)
    mv "$dir/lib.rs.generated" "$dir/src/lib.rs"
    (cd "$dir" && CARGO_TARGET_DIR="$target" cargo clean --quiet -p "$package")
    log="$dir/check.log"
    if ! (cd "$dir" && CARGO_TARGET_DIR="$target" /usr/bin/time -v \
        cargo check --offline --quiet --message-format short) >"$log" 2>&1; then
        echo "bench-compile: $client ($generator) does not compile, see $log" >&2
        printf '%s\t%s\t%s\tfailed\t\n' "$client" "$generator" "$lines" >>"$results"
        return
    fi
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    printf '%s\t%s\t%s\t%s\t%s\n' "$client" "$generator" "$lines" "$seconds" "$rss" >>"$results"
    echo "bench-compile: $client ($generator): $lines lines, ${seconds} s, ${rss} kB" >&2
}

for subject in "${subjects[@]}"; do
    IFS='|' read -r label spec options has_peer <<<"$subject"
    name="$(echo "$label" | tr -c 'a-z0-9\n' '-' | tr -s '-' | sed 's/-$//')"
    dir="$work/specgen/$name"
    rm -rf "$dir"
    # shellcheck disable=SC2086 # the options are words
    if ! "$specgen" generate "$spec" --crate "$dir" --name "bench-$name" \
        --runtime-path "$root/runtime" $options 2>"$work/specgen-$name.log"; then
        echo "bench-compile: specgen failed on $label:" >&2
        cat "$work/specgen-$name.log" >&2
        exit 1
    fi
    # Standalone, with the workspace's versions of the dependencies.
    printf '\n[workspace]\n' >>"$dir/Cargo.toml"
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    measure "$dir" "bench-$name" "$work/target-specgen" "$label" specgen

    if [[ $peer == 1 && $has_peer == 1 ]]; then
        dir="$work/openapi-generator/$name"
        rm -rf "$dir"
        package="og-$name"
        if ! "$venv/bin/openapi-generator-cli" generate -g rust -i "$spec" -o "$dir" \
            --additional-properties="packageName=$package,hideGenerationTimestamp=true" \
            >"$work/openapi-generator-$name.log" 2>&1; then
            echo "bench-compile: openapi-generator failed on $label, see $work/openapi-generator-$name.log" >&2
            printf '%s\t%s\t\tfailed\t\n' "$label" "openapi-generator $OPENAPI_GENERATOR_VERSION" >>"$results"
            continue
        fi
        printf '\n[workspace]\n' >>"$dir/Cargo.toml"
        package="$(awk -F'"' '/^name *=/ { print $2; exit }' "$dir/Cargo.toml")"
        measure "$dir" "$package" "$work/target-openapi-generator" "$label" \
            "openapi-generator $OPENAPI_GENERATOR_VERSION"
    fi
done

echo
echo "| client | generator | lines | \`cargo check\` | max RSS |"
echo "|---|---|---:|---:|---:|"
tail -n +2 "$results" | awk -F'\t' '{
    time = $4 == "failed" ? "does not compile" : sprintf("%.1f s", $4)
    rss = $5 == "" ? "" : ($5 >= 1048576 ? sprintf("%.1f GB", $5 / 1048576) : sprintf("%.0f MB", $5 / 1024))
    printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, time, rss
}'
