#!/usr/bin/env bash
# Benchmarks raw-to-processed's cost against the size of the ledger (issue #16, "Cost that grows with
# history"): one new ALB file, ingested into a lake whose _ledger holds LEDGER_ROWS entries (default
# 3,000,000, spread over LEDGER_DAYS = 365 days ending on the new file's day), and into a lake whose
# ledger holds SMALL_ROWS entries (default 576: one day of one load balancer; 0: no ledger table at
# all). Same run, same machine; the two are run alternately REPEAT times (default 2) and the best of
# each is kept. Prints, for both: the whole process (scripts/loglake raw-to-processed, JVM start to
# exit), the in-process time from the JVM's start to the listing's result (files listed and matched
# against the ledger), and the ledger lookup itself; then the ratios. Target: large / small <= 1.2.
# Measures only; asserts nothing.
#
# Run from the repo root:   scripts/bench-ledger.sh
# Smoke run at a small size: LEDGER_ROWS=100000 REPEAT=1 scripts/bench-ledger.sh
#
# The classpath comes from this worktree's build (mvn package of the reactor and common's test
# classes), never from an installed artifact: nothing is written to ~/.m2.
set -euo pipefail

ROWS="${LEDGER_ROWS:-3000000}"
DAYS="${LEDGER_DAYS:-365}"
SMALL="${SMALL_ROWS:-576}"
REPEAT="${REPEAT:-2}"
MASTER="${SPARK_MASTER:-local[2]}"
DAY=2024-03-10
WORK="target/bench/ledger"
[[ -f pom.xml && -x scripts/loglake ]] || { echo "Run from the repository root" >&2; exit 2; }

echo "== building (reactor package and common's test classes; no install)"
# Always the current code: a jar left from an older build would be measured instead.
mvn -B -q -o -Dstyle.color=never -DskipTests package -pl jobs -am
mvn -B -q -o -Dstyle.color=never -pl common test-compile
jar="$(ls jobs/target/loglake-jobs-*.jar | grep -v '/original-' | sed -n 1p)"
CP="common/target/test-classes:$jar:jobs/target/lib/*"
FLAGS="$(cat jobs/target/launcher/jvm-flags)"

rm -rf "$WORK"
mkdir -p "$WORK"
RAW="$(cd "$WORK" && pwd)/raw"

echo "== one new ALB file for $DAY"
# shellcheck disable=SC2086
scripts/loglake generate-sample-data --output "$WORK/sample" --start "$DAY" --days 1 --alb-mb 1 >/dev/null 2>"$WORK/sample.log"
NEW="$(find "$WORK/sample/AWSLogs" -type f -name '*.log.gz' | sort | sed -n 1p)"
mkdir -p "$RAW/$(dirname "${NEW#"$WORK/sample/"}")"
cp "$NEW" "$RAW/${NEW#"$WORK/sample/"}"
echo "   $(basename "$NEW"), $(du -h "$NEW" | cut -f1)"

build_ledger() { # rows days dir
  # shellcheck disable=SC2086
  java -Xmx2g $FLAGS -cp "$CP" dev.loglake.common.io.LedgerBench "$3/processed/_ledger" "$1" "$DAY" "$2" "file:$RAW" \
    2>"$3.build.log" | sed 's/^/   /'
}
echo "== ledger of $ROWS entries over $DAYS days (written directly as a Delta table, in the ledger's layout)"
build_ledger "$ROWS" "$DAYS" "$WORK/large-template"
echo "   $(find "$WORK/large-template/processed/_ledger" -name '*.parquet' | wc -l) data files, $(du -sh "$WORK/large-template/processed/_ledger" | cut -f1)"
if [[ "$SMALL" -gt 0 ]]; then
  echo "== ledger of $SMALL entries on 1 day"
  build_ledger "$SMALL" 1 "$WORK/small-template"
else
  mkdir -p "$WORK/small-template/processed"
fi

now() { date +%s.%N; }
# One run into a fresh copy of a template lake; prints "whole_s listing_ms lookup_ms".
run() { # name
  local lake="$WORK/$1-lake" t0 t1 line
  rm -rf "$lake"
  cp -r "$WORK/$1-template" "$lake"
  t0="$(now)"
  LOGLAKE_MASTER="$MASTER" scripts/loglake raw-to-processed --datasets alb_logs --from "$DAY" --to "$DAY" \
    --loglake.lake.root "$lake" --loglake.zones.raw "$RAW" >"$WORK/$1.out" 2>"$WORK/$1.err"
  t1="$(now)"
  grep -Eq '[{,]"files":1,' "$WORK/$1.out" || { echo "the $1 run did not ingest exactly one file: see $WORK/$1.out" >&2; exit 1; }
  line="$(grep -h 'files listed' "$lake"/_logs/raw-to-processed-*.log | tail -n 1)"
  awk -v a="$t0" -v b="$t1" -v l="$line" 'BEGIN {
    match(l, /lookup in [0-9]+ ms/); lookup = substr(l, RSTART + 10, RLENGTH - 13)
    match(l, /[0-9]+ ms after the JVM start/); listing = substr(l, RSTART, RLENGTH - 23)
    printf "%.2f %d %d\n", b - a, listing, lookup }'
}

best() { sort -n -k"$1" | sed -n 1p | cut -d' ' -f"$1"; }
: >"$WORK/small.times"; : >"$WORK/large.times"
for i in $(seq 1 "$REPEAT"); do
  echo "== run $i of $REPEAT: small ledger, then large ledger"
  run small | tee -a "$WORK/small.times" | sed 's/^/   small: whole s, listing ms, lookup ms: /'
  run large | tee -a "$WORK/large.times" | sed 's/^/   large: whole s, listing ms, lookup ms: /'
done

S_WHOLE="$(best 1 <"$WORK/small.times")"; L_WHOLE="$(best 1 <"$WORK/large.times")"
S_LIST="$(best 2 <"$WORK/small.times")"; L_LIST="$(best 2 <"$WORK/large.times")"
S_LOOK="$(best 3 <"$WORK/small.times")"; L_LOOK="$(best 3 <"$WORK/large.times")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo
echo "== results: one new file, best of $REPEAT ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-52s %12s %12s %8s\n' "" "$ROWS rows" "$SMALL rows" "ratio"
printf '%-52s %11ss %11ss %7sx\n' "raw-to-processed, whole process" "$L_WHOLE" "$S_WHOLE" "$(ratio "$L_WHOLE" "$S_WHOLE")"
printf '%-52s %10sms %10sms %7sx\n' "in process: JVM start to the listing's result" "$L_LIST" "$S_LIST" "$(ratio "$L_LIST" "$S_LIST")"
printf '%-52s %10sms %10sms %7sx\n' "  of which: listing + ledger lookup" "$L_LOOK" "$S_LOOK" "$(ratio "$L_LOOK" "$S_LOOK")"
echo "target: whole process <= 1.2x (issue #16); the lookup's difference is what remains once fixed costs are gone"
