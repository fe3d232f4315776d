#!/usr/bin/env bash
# Benchmarks the ALB status aggregation straight from raw gz logs (alb-status --source raw) against
# single-core zcat and an equivalent DuckDB query over the same files, at 1 and 4 GiB by default.
# Run from the repo root:   scripts/bench-alb-status.sh [SIZE_MB ...]      (default: 1024 4096)
# For each size: generates target/bench/status-<MB>/ if absent, then prints MB/s of uncompressed input
# and the ratios ours/zcat and ours/DuckDB, in process (read start to result: the read and both
# aggregates; for each engine the median of 3 runs after $WARMUP_RUNS (default 5) warm-up runs in the
# same process, and ours' first run in its JVM, JIT cold) and whole process (the real
# `scripts/loglake alb-status --source raw` spark-submit, with its Delta writes, report and catalog,
# against DuckDB's JVM + one query), plus the peak RSS of each process. Measures only; asserts nothing.
set -euo pipefail

SIZES=("${@:-1024 4096}")
read -r -a SIZES <<<"${SIZES[*]}"
MASTER="${SPARK_MASTER:-local[2]}"
THREADS="${DUCKDB_THREADS:-2}"
WARMUPS="${WARMUP_RUNS:-5}" # ours' runs after the first, before the timed ones (the JIT keeps compiling)
DAY=2024-03-10
WORK="target/bench"
mkdir -p "$WORK"
[[ -f pom.xml && -x scripts/loglake ]] || { echo "Run from the repository root" >&2; exit 2; }
# The current code, from the reactor: `package`, never `install` (the local Maven repository is left
# alone); the bench classpath is this repo's target dirs and jars plus the external dependencies.
mvn -B -q -DskipTests -pl tests -am package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
CP="tests/target/test-classes:$(cat tests/target/bench.classpath)"
FLAGS="$(cat jobs/target/launcher/jvm-flags)"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
field() { sed -n "s/^$1 seconds=\([^ ]*\).*/\1/p" <<<"$2"; }

for MB in "${SIZES[@]}"; do
  RAW="$WORK/status-$MB"
  if [[ ! -d "$RAW/AWSLogs" ]]; then
    echo "== generating ~$MB MiB of ALB logs into $RAW"
    scripts/loglake generate-sample-data --output "$RAW" --start "$DAY" --days 1 --alb-mb "$MB" | tail -n 2
  fi
  mapfile -d '' FILES < <(find "$RAW/AWSLogs" -type f -name '*.log.gz' -print0 | sort -z)
  T0="$(now)"; BYTES="$(zcat "${FILES[@]}" | wc -c)"; ZCAT_S="$(secs "$T0" "$(now)")"

  bench() { # engine [runs] -> "<output>" with whole-process seconds and peak RSS appended
    local t0 out
    t0="$(now)"
    out="$(/usr/bin/time -f 'peak_rss_kb=%M' java -Xmx3g $FLAGS -cp "$CP" dev.loglake.tests.AlbStatusBench \
      "$1" "$RAW/AWSLogs" "$DAY" "$MASTER" "$THREADS" "${2:-3}" "$WARMUPS" 2>"$WORK/status-bench-$1.err")"
    echo "$out whole=$(secs "$t0" "$(now)") rss_mb=$(( $(grep -o 'peak_rss_kb=[0-9]*' "$WORK/status-bench-$1.err" | cut -d= -f2) / 1024 ))"
  }
  OURS="$(bench spark)"
  DUCK="$(bench duckdb)"
  DUCK_ONCE="$(bench duckdb 1)" # the whole process of one query, as a user runs it
  OURS_S="$(field spark_alb_status "$OURS")"; FIRST_S="$(field spark_first_run "$OURS")"
  READ_S="$(field spark_read_only "$OURS")"
  WARM_RUNS="$(sed -n 's/^spark_warmup seconds=[^ ]* runs=\([^ ]*\).*/\1/p' <<<"$OURS")"
  DUCK_S="$(field duckdb_alb_status "$DUCK")"
  DUCK_W="$(sed -n 's/.*whole=\([^ ]*\).*/\1/p' <<<"$DUCK_ONCE")"

  # The job itself, as a user runs it: spark-submit of the built jar into a scratch lake.
  rm -rf "$WORK/status-lake"
  T0="$(now)"
  SUMMARY="$(LOGLAKE_MASTER="$MASTER" /usr/bin/time -f 'peak_rss_kb=%M' -o "$WORK/status-job.time" \
    scripts/loglake alb-status --source raw --input "$RAW/AWSLogs" --date "$DAY" \
    --loglake.lake.root "$WORK/status-lake" 2>"$WORK/status-job.log" | tail -n 1)"
  JOB_W="$(secs "$T0" "$(now)")"
  JOB_S="$(sed -n 's/.*"duration_s":\([0-9.]*\).*/\1/p' <<<"$SUMMARY")"
  JOB_RSS=$(( $(grep -o 'peak_rss_kb=[0-9]*' "$WORK/status-job.time" | cut -d= -f2) / 1024 ))

  echo
  echo "== $MB MiB: $BYTES bytes uncompressed in ${#FILES[@]} files; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-52s %8s MB/s\n' "zcat (1 core)" "$(rate "$BYTES" "$ZCAT_S")"
  printf '%-52s %8s MB/s  ours/zcat %s  ours/DuckDB %s\n' "ours: read + both aggregates, in process" \
    "$(rate "$BYTES" "$OURS_S")" "$(ratio "$ZCAT_S" "$OURS_S")" "$(ratio "$DUCK_S" "$OURS_S")"
  printf '%-52s %8s MB/s  ours/DuckDB %s\n' "ours: same, first run in the JVM (JIT cold)" \
    "$(rate "$BYTES" "$FIRST_S")" "$(ratio "$DUCK_S" "$FIRST_S")"
  printf '%-52s %s\n' "ours: the $WARMUPS warm-up runs after it (s)" "${WARM_RUNS:-none}"
  printf '%-52s %8s MB/s  (the aggregation costs %s x the read)\n' "ours: the read alone (input columns, no-op sink)" \
    "$(rate "$BYTES" "$READ_S")" "$(awk -v a="$OURS_S" -v r="$READ_S" 'BEGIN { printf "%.2f", a / r - 1 }')"
  printf '%-52s %8s MB/s  (peak RSS %s MB)\n' "DuckDB ($THREADS threads), in process" "$(rate "$BYTES" "$DUCK_S")" \
    "$(sed -n 's/.*rss_mb=\([0-9]*\).*/\1/p' <<<"$DUCK")"
  printf '%-52s %8s MB/s  ours/DuckDB %s\n' "alb-status job: run() incl. Delta, report, catalog" \
    "$(rate "$BYTES" "$JOB_S")" "$(ratio "$DUCK_S" "$JOB_S")"
  printf '%-52s %8s MB/s  ours/DuckDB %s  (%.1f s, peak RSS %s MB)\n' "alb-status job: whole process (spark-submit)" \
    "$(rate "$BYTES" "$JOB_W")" "$(ratio "$DUCK_W" "$JOB_W")" "$JOB_W" "$JOB_RSS"
  printf '%-52s %8s MB/s  (%.1f s)\n' "DuckDB: whole process (JVM + one query)" "$(rate "$BYTES" "$DUCK_W")" "$DUCK_W"
done
