#!/usr/bin/env bash
# Benchmarks raw-to-processed on ALB logs against the parser-only Spark read of the same files.
# Run from the repo root:   scripts/bench-raw-to-processed.sh [RAW_DIR]
# RAW_DIR holds AWSLogs/... (default target/bench/raw; generated with --alb-mb $ALB_BENCH_MB, default
# 1024, if absent). Prints MB/s of uncompressed input for zcat, the Spark ALB read (all fields, in
# process), the same read appended to a Delta table with no checks (the floor of any ingestion), and
# the whole raw-to-processed job (parse, validate, hash, dedupe, Delta merge, quarantine, ledger),
# with the ratios job / read and job / plain append, and the phases of the job from its log.
# Measures only; asserts nothing.
set -euo pipefail

RAW="${1:-target/bench/raw}"
MB="${ALB_BENCH_MB:-1024}"
MASTER="${SPARK_MASTER:-local[2]}"
WORK="target/bench"
DAY=2024-03-10
mkdir -p "$WORK"
[[ -f pom.xml && -x scripts/loglake ]] || { echo "Run from the repository root" >&2; exit 2; }
# Always the current code: a jar left from an older build would be measured instead.
mvn -B -q -DskipTests package -pl jobs -am

if [[ ! -d "$RAW/AWSLogs" ]]; then
  echo "== generating ~${MB} MiB of ALB logs for $DAY into $RAW"
  scripts/loglake generate-sample-data --output "$RAW" --start "$DAY" --days 1 --alb-mb "$MB" | tail -n 3
fi
mapfile -d '' FILES < <(find "$RAW/AWSLogs" -type f -name '*.log.gz' -print0 | sort -z)
echo "== ${#FILES[@]} gz files, $(du -ch "${FILES[@]}" | tail -1 | cut -f1) compressed"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }

T0="$(now)"; BYTES="$(zcat "${FILES[@]}" | wc -c)"; ZCAT_S="$(secs "$T0" "$(now)")"

echo "== Spark ALB read, all fields, $MASTER (parser only)"
mvn -B -o -q -pl common test-compile
mvn -B -o -q -pl common dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="../$WORK/common.classpath" >/dev/null
CP="common/target/test-classes:common/target/classes:$(cat "$WORK/common.classpath")"
rm -rf "$WORK/delta-append"
READ_OUT="$(java -Xmx2g -Dalb.bench.delta-dir="$WORK/delta-append" $(cat jobs/target/launcher/jvm-flags) \
  -cp "$CP" dev.loglake.common.alb.AlbSparkBench "$RAW/AWSLogs" "$MASTER" 2>"$WORK/read-bench.log")"
READ_S="$(sed -n 's/^spark_all_fields seconds=\([^ ]*\).*/\1/p' <<<"$READ_OUT")"
APPEND_S="$(sed -n 's/^spark_delta_append seconds=\([^ ]*\).*/\1/p' <<<"$READ_OUT")"

echo "== raw-to-processed (alb_logs) into a fresh lake, $MASTER"
rm -rf "$WORK/lake"
T0="$(now)"
SUMMARY="$(LOGLAKE_MASTER="$MASTER" scripts/loglake raw-to-processed --datasets alb_logs --from "$DAY" \
  --to "$(date -u -d "$DAY + 1 day" +%F)" --loglake.lake.root "$WORK/lake" --loglake.zones.raw "$RAW" \
  2>"$WORK/raw-to-processed.log" | tail -n 1)"
JOB_WHOLE_S="$(secs "$T0" "$(now)")"
JOB_S="$(sed -n 's/.*"duration_s":\([0-9.]*\).*/\1/p' <<<"$SUMMARY")"
echo "$SUMMARY" | cut -c1-400

echo
echo "== results (MB/s of uncompressed input, $BYTES bytes, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-40s %8s MB/s\n' "zcat (1 core)" "$(rate "$BYTES" "$ZCAT_S")"
printf '%-40s %8s MB/s\n' "Spark ALB read, all fields (in process)" "$(rate "$BYTES" "$READ_S")"
printf '%-40s %8s MB/s\n' "read + plain Delta append (no checks)" "$(rate "$BYTES" "$APPEND_S")"
printf '%-40s %8s MB/s  (%s x the read, %s x the plain append)\n' "raw-to-processed (in process)" \
  "$(rate "$BYTES" "$JOB_S")" "$(awk -v r="$READ_S" -v j="$JOB_S" 'BEGIN { printf "%.2f", r / j }')" \
  "$(awk -v a="$APPEND_S" -v j="$JOB_S" 'BEGIN { printf "%.2f", a / j }')"
printf '%-40s %8s MB/s  (%.1f s with JVM and session start)\n' "raw-to-processed (whole process)" \
  "$(rate "$BYTES" "$JOB_WHOLE_S")" "$JOB_WHOLE_S"
# Where the job's time goes (from its log): the ingestion itself, comparable to the plain append,
# and the rest (listing and the ledger lookup before it, catalog registration after it).
ms() { sed -n "s/.*alb_logs: $1 \([0-9]*\) ms.*/\1/p" "$WORK/raw-to-processed.log" | tail -n 1; }
KEEP_MS="$(ms 'read, conformed and counted in')"; WRITE_MS="$(ms '[0-9]* rows written in')"
QUAR_MS="$(ms 'quarantine written at')"; DONE_MS="$(ms 'run log and ledger written at')"
if [[ -n "$DONE_MS" ]]; then
  printf '%-40s %8s MB/s  (%s x the plain append; %.1f s)\n' "  of which: ingestion (read to ledger)" \
    "$(rate "$BYTES" "$(awk -v m="$DONE_MS" 'BEGIN { print m / 1000 }')")" \
    "$(awk -v a="$APPEND_S" -v m="$DONE_MS" 'BEGIN { printf "%.2f", a / (m / 1000) }')" \
    "$(awk -v m="$DONE_MS" 'BEGIN { print m / 1000 }')"
  awk -v k="$KEEP_MS" -v w="$WRITE_MS" -v q="$QUAR_MS" -v d="$DONE_MS" -v j="$JOB_S" 'BEGIN {
    printf "  phases (s): read + conform + keep + figures %.1f, Delta write %.1f, quarantine %.1f, run log + ledger %.1f, outside the ingestion %.1f\n",
      k / 1000, (w - k) / 1000, (q - w) / 1000, (d - q) / 1000, j - d / 1000 }'
fi
