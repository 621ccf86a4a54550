#!/usr/bin/env bash
# Fetches the peers' own test suites (Kyverno CLI tests, Prometheus promqltest and textparse files, a Thanos
# promqltest file) at the pinned commits listed in conformance/peers.tsv, into .peers/ in the checkout, where the
# conformance runners find them. These are third-party files (Apache-2.0) and are not part of the repository; the
# build never runs this script. Needs git and access to the peers' public repositories.
#
#   conformance/fetch-peers.sh              # into .peers/
#   conformance/fetch-peers.sh /some/dir    # elsewhere; then run the tests with -Dkurator.peers.dir=/some/dir
#
# KURATOR_PEERS_GIT_BASE replaces https://github.com (for a mirror).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
checkout="$(dirname "$here")"
out="${1:-$checkout/.peers}"
base="${KURATOR_PEERS_GIT_BASE:-https://github.com}"
manifest="$here/peers.tsv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$out"
# One shallow fetch per repository and commit, with a sparse checkout of the listed paths only.
grep -v '^#' "$manifest" | cut -f2,3 | sort -u | while IFS=$'\t' read -r repo commit; do
  dir="$work/${repo//\//_}"
  git init -q "$dir"
  git -C "$dir" sparse-checkout init --no-cone >/dev/null
  grep -v '^#' "$manifest" | awk -F'\t' -v r="$repo" -v c="$commit" '$2 == r && $3 == c { print "/" $4 }' \
    > "$dir/.git/info/sparse-checkout"
  echo "fetching $repo at $commit" >&2
  git -C "$dir" fetch -q --depth 1 "$base/$repo.git" "$commit"
  git -C "$dir" checkout -q FETCH_HEAD
done

grep -v '^#' "$manifest" | while IFS=$'\t' read -r dest repo commit path; do
  src="$work/${repo//\//_}/$path"
  [ -e "$src" ] || { echo "missing in $repo@$commit: $path" >&2; exit 1; }
  rm -rf "${out:?}/$dest"
  mkdir -p "$(dirname "$out/$dest")"
  cp -R "$src" "$out/$dest"
done
# kyverno/policies folders also hold Artifact Hub metadata, which no runner reads.
find "$out/policy" -name artifacthub-pkg.yml -delete 2>/dev/null || true
echo "peer suites in $out" >&2
