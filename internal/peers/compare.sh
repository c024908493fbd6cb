#!/usr/bin/env bash
# Runs the side-by-side harness (/work/shared/peers, read-only) with this
# repository's shopmetrics peer (internal/peers/shopmetrics) in place of the
# harness's own, which no longer builds against today's API:
#
#   internal/peers/compare.sh [EVENTS ORDERS SEED [SETTING [ROUNDS [ENGINES]]]]
#   internal/peers/compare.sh 1000000 200000 1 1 3 "shopmetrics duckdb chdb"
#
# It copies the harness to $COPY (default /tmp/peers-copy), replaces the
# copy's shopmetrics/load.go and main.go by ours (both are package main, as
# the harness's are; the peer needs no other file), and runs the copy's
# compare.sh from this repository's root with the arguments given, so that
# the copy's peer module is pointed at this checkout. WORK, DATA and RES
# are passed on as compare.sh takes them (WORK defaults to
# /tmp/shopmetrics-peers, where the data and the npm packages are kept
# between runs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEERS=${PEERS:-/work/shared/peers}
COPY=${COPY:-/tmp/peers-copy}
PEER=$ROOT/internal/peers/shopmetrics

[ -f "$PEERS/compare.sh" ] || { echo "no harness at $PEERS (set PEERS)" >&2; exit 2; }
case $COPY in /|"$PEERS"|"$ROOT"*) echo "refusing COPY=$COPY" >&2; exit 2 ;; esac
rm -rf "$COPY"
mkdir -p "$COPY"
(cd "$PEERS" && tar --exclude=node/node_modules -cf - .) | (cd "$COPY" && tar -xf - && chmod -R u+w .)
for f in load.go main.go; do
	[ -f "$COPY/shopmetrics/$f" ] || { echo "the harness has no shopmetrics/$f: has its layout changed?" >&2; exit 2; }
	cp "$PEER/$f" "$COPY/shopmetrics/$f"
done
cd "$ROOT"
exec bash "$COPY/compare.sh" "$@"
