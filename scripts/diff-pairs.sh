#!/usr/bin/env bash
# `specgen diff` on real revisions: two published versions of the same public spec, fetched
# by package name from the npm registry (as scripts/corpus.sh does) into .corpus-cache/
# (never committed). Prints one summary line per pair — changes in the JSON, wire levels,
# crate bumps, lines of the text report and size of the Markdown report — and keeps the
# three reports of each pair in .corpus-cache/diff-pairs/.
#
#   scripts/diff-pairs.sh             # every pair below
#   SPECGEN=path/to/specgen scripts/diff-pairs.sh   # an already built binary
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SPECGEN_CORPUS_CACHE:-$root/.corpus-cache}"

# name, package, old version, new version, the spec's path inside the package.
read -r -d '' PAIRS <<'EOF' || true
figma      @figma/rest-api-spec   0.35.0  0.43.0  openapi/openapi.yaml
blockfrost @blockfrost/openapi    0.1.84  0.1.93  openapi.yaml
EOF

# Fetches package@version once and unpacks the one file; prints its path.
fetch() {
    local package="$1" version="$2" path="$3"
    local slug="${package#@}"
    slug="${slug//\//-}-$version"
    local tarball="$cache/tarballs/$slug.tgz" dir="$cache/packages/$slug"
    mkdir -p "$cache/tarballs"
    if [[ ! -s "$tarball" ]]; then
        echo "diff-pairs: fetching $package@$version" >&2
        local packed
        packed="$(cd "$cache/tarballs" && npm pack --silent "$package@$version" 2>/dev/null | tail -n 1)"
        [[ "$cache/tarballs/$packed" -ef "$tarball" ]] || mv "$cache/tarballs/$packed" "$tarball"
    fi
    if [[ ! -f "$dir/$path" ]]; then
        mkdir -p "$dir"
        tar -xzf "$tarball" -C "$dir" --strip-components=1 "package/$path"
    fi
    echo "$dir/$path"
}

if [[ -z "${SPECGEN:-}" ]]; then
    (cd "$root" && cargo build --quiet -p specgen --bin specgen)
    SPECGEN="${CARGO_TARGET_DIR:-$root/target}/debug/specgen"
fi

out="$cache/diff-pairs"
mkdir -p "$out"
printf '%-11s %-24s %8s %5s %5s %5s %6s %6s %6s %7s %11s %9s\n' \
    pair versions changes ERR WARN INFO major minor patch semver "text lines" "markdown"
while read -r name package old new path; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    old_spec="$(fetch "$package" "$old" "$path")"
    new_spec="$(fetch "$package" "$new" "$path")"
    # Paths relative to the cache, as a reviewer would pass them.
    cd "$cache/packages"
    old_rel="${old_spec#"$cache/packages/"}"
    new_rel="${new_spec#"$cache/packages/"}"
    "$SPECGEN" diff --format json "$old_rel" "$new_rel" >"$out/$name.json"
    "$SPECGEN" diff "$old_rel" "$new_rel" >"$out/$name.txt"
    "$SPECGEN" diff --format markdown "$old_rel" "$new_rel" >"$out/$name.md"
    cd "$root"
    python3 - "$out/$name.json" "$name" "$old → $new" \
        "$(wc -l <"$out/$name.txt")" "$(wc -m <"$out/$name.md")" <<'PY'
import json, sys
path, name, versions, lines, chars = sys.argv[1:]
report = json.load(open(path))
changes = report["changes"]
count = lambda key, value: sum(1 for c in changes if c[key] == value)
print("%-11s %-24s %8d %5d %5d %5d %6d %6d %6d %7s %11s %9s" % (
    name, versions, len(changes),
    count("level", "ERR"), count("level", "WARN"), count("level", "INFO"),
    count("semver", "major"), count("semver", "minor"), count("semver", "patch"),
    report["semver"], lines, chars))
PY
done <<<"$PAIRS"
echo "diff-pairs: reports in $out" >&2
