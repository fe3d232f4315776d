#!/usr/bin/env bash
# What maintain does to a generated week: ingests 7 days of sample data one day at a time, as a daily
# schedule does (each run also writes the next day's first minutes of ALB logs into the day before),
# then prints processed.alb_requests' files and bytes and one query's whole-process time before and
# after `maintain`, and a second maintain run's time (nothing left to do). Run from the repo root:
#   scripts/bench-maintain.sh [LAKE]    (default target/bench/maintain-lake, recreated)
# Env: MAINTAIN_MIN_FILES (default 4: a day written by two daily runs holds fewer than maintain's
# default 20 small files), BENCH_START (default 2024-03-04). Measures only; asserts nothing.
set -euo pipefail

LAKE="${1:-target/bench/maintain-lake}"
MIN_FILES="${MAINTAIN_MIN_FILES:-4}"
START="${BENCH_START:-2024-03-04}"
[[ -f pom.xml && -x scripts/loglake ]] || { echo "Run from the repository root" >&2; exit 2; }
mvn -B -q -DskipTests package -pl jobs -am
rm -rf "$LAKE"
export LOGLAKE_LAKE_ROOT="$LAKE" LOGLAKE_LOG_LEVEL=warn

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
query() {
  local t0 t1
  t0="$(now)"
  scripts/loglake sql "SELECT api, count(*) AS requests, round(avg(target_processing_time), 4) AS avg_s FROM processed.alb_requests WHERE date BETWEEN DATE'$START' AND date_add(DATE'$START', 6) GROUP BY api ORDER BY requests DESC" >/dev/null 2>&1
  t1="$(now)"
  secs "$t0" "$t1"
}

echo "== generating 7 days from $START into $LAKE/raw"
scripts/loglake generate-sample-data --start "$START" --days 7 >/dev/null
for d in 0 1 2 3 4 5 6; do
  day="$(date -u -d "$START + $d day" +%F)"
  t0="$(now)"
  scripts/loglake raw-to-processed --date "$day" --datasets alb_logs >/dev/null
  echo "   raw-to-processed --date $day: $(secs "$t0" "$(now)") s"
done

files_before="$(scripts/loglake sql "SELECT count(DISTINCT input_file_name()) FROM processed.alb_requests" 2>/dev/null | sed -n 3p | tr -d ' ')"
q_before="$(query)"
t0="$(now)"
scripts/loglake maintain --min-files "$MIN_FILES" > "$LAKE/maintain.out"
maintain_s="$(secs "$t0" "$(now)")"
summary="$(grep '^SUMMARY ' "$LAKE/maintain.out" | tail -n 1)"
files_after="$(scripts/loglake sql "SELECT count(DISTINCT input_file_name()) FROM processed.alb_requests" 2>/dev/null | sed -n 3p | tr -d ' ')"
q_after="$(query)"
t0="$(now)"
scripts/loglake maintain --min-files "$MIN_FILES" > "$LAKE/maintain-again.out"
again_s="$(secs "$t0" "$(now)")"

alb="$(echo "$summary" | grep -o '"processed.alb_requests":{[^}]*}' | head -n 1)"
echo
echo "== processed.alb_requests, 7 daily runs, maintain --min-files $MIN_FILES"
echo "files read by a query: before $files_before, after $files_after"
echo "maintain's own figures: $alb"
echo "query (whole sql process, 7 days grouped by api): before $q_before s, after $q_after s"
echo "maintain: $maintain_s s (whole process); again with nothing to do: $again_s s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
