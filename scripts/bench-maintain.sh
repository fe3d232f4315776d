#!/usr/bin/env bash
# What maintain does to a generated week: ingests 7 days of sample data one day at a time, as a daily
# schedule does (each run also writes the next day's first minutes of ALB logs into the day before),
# then prints processed.alb_requests' files, bytes and one query's whole-process time before and
# after `maintain`, and a second maintain run's time (nothing left to do). Run from the repo root:
#   scripts/bench-maintain.sh [LAKE]    (default target/bench/maintain-lake, recreated)
# It builds the jobs jar in this clone (mvn package, never install: nothing goes to ~/.m2) and runs
# it through scripts/loglake, which takes jobs/target. Env: MAINTAIN_MIN_FILES (default 4: a day
# written by two daily runs holds fewer than maintain's default 20 small files), BENCH_START (default
# 7 days ago, so the week ends yesterday: maintain's retention counts from today, and a week older
# than 730 days would be expired, not compacted), BENCH_DAYS (default 7), BENCH_ALB_MB (ALB MiB per
# run of the generator, default its own), BENCH_BUILD=0 to use the jar already built.
# Measures only; asserts nothing.
set -euo pipefail

LAKE="${1:-target/bench/maintain-lake}"
MIN_FILES="${MAINTAIN_MIN_FILES:-4}"
DAYS="${BENCH_DAYS:-7}"
START="${BENCH_START:-$(date -u -d "$DAYS days ago" +%F)}"
[[ -f pom.xml && -x scripts/loglake ]] || { echo "Run from the repository root" >&2; exit 2; }
if [[ "${BENCH_BUILD:-1}" != 0 ]]; then
  mvn -B -q -DskipTests package -pl jobs -am
fi
rm -rf "$LAKE"
export LOGLAKE_LAKE_ROOT="$LAKE" LOGLAKE_LOG_LEVEL=warn
alb_mb=()
[[ -n "${BENCH_ALB_MB:-}" ]] && alb_mb=(--alb-mb "$BENCH_ALB_MB")

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# One field of processed.alb_requests' figures in a maintain SUMMARY line.
figure() { grep -o '"processed.alb_requests":{[^}]*}' "$1" | head -n 1 | grep -o "\"$2\":[0-9]*" | cut -d: -f2; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
last_day="$(date -u -d "$START + $((DAYS - 1)) day" +%F)"
query() {
  local t0 t1
  t0="$(now)"
  scripts/loglake sql "SELECT api, count(*) AS requests, round(avg(target_processing_time), 4) AS avg_s FROM processed.alb_requests WHERE date BETWEEN DATE'$START' AND DATE'$last_day' GROUP BY api ORDER BY requests DESC" >/dev/null 2>&1
  t1="$(now)"
  secs "$t0" "$t1"
}

echo "== generating $DAYS days from $START into $LAKE/raw"
scripts/loglake generate-sample-data --start "$START" --days "$DAYS" ${alb_mb[@]+"${alb_mb[@]}"} >/dev/null
for ((d = 0; d < DAYS; d++)); do
  day="$(date -u -d "$START + $d day" +%F)"
  t0="$(now)"
  scripts/loglake raw-to-processed --date "$day" --datasets alb_logs >/dev/null
  echo "   raw-to-processed --date $day: $(secs "$t0" "$(now)") s"
done

q_before="$(query)"
t0="$(now)"
scripts/loglake maintain --min-files "$MIN_FILES" > "$LAKE/maintain.out"
maintain_s="$(secs "$t0" "$(now)")"
q_after="$(query)"
t0="$(now)"
scripts/loglake maintain --min-files "$MIN_FILES" > "$LAKE/maintain-again.out"
again_s="$(secs "$t0" "$(now)")"
again="$(grep '^SUMMARY ' "$LAKE/maintain-again.out" | tail -n 1)"

echo
echo "== processed.alb_requests, $DAYS daily runs from $START, maintain --min-files $MIN_FILES"
echo "files     before $(figure "$LAKE/maintain.out" files_before), after $(figure "$LAKE/maintain.out" files_after)"
echo "bytes     before $(mb "$(figure "$LAKE/maintain.out" bytes_before)"), after $(mb "$(figure "$LAKE/maintain.out" bytes_after)")"
echo "compacted $(figure "$LAKE/maintain.out" partitions_compacted) partitions, expired $(figure "$LAKE/maintain.out" partitions_expired)"
echo "query     before $q_before s, after $q_after s (whole sql process: $DAYS days grouped by api)"
echo "maintain  $maintain_s s (whole process); again with nothing to do: $again_s s," \
  "$(echo "$again" | grep -o '"tables_maintained":[0-9]*' | cut -d: -f2) tables," \
  "$(echo "$again" | grep -o '"tables_changed":[0-9]*' | cut -d: -f2) changed," \
  "slowest unchanged table $(echo "$again" | grep -o '"slowest_unchanged_table_ms":[0-9]*' | cut -d: -f2) ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
