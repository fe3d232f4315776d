#!/usr/bin/env bash
# One job, one JVM: what a user gets from a spark-submit, a Glue run or a step of the state machine.
# Prints the table of issue #16: loglake's whole process (scripts/loglake, a fresh JVM each time)
# against DuckDB's whole process (its JDBC driver in a fresh JVM, one query) on the same data, in the
# same run, with the ratio DuckDB / loglake, the target and whether it is met. Under each whole-process
# row, the same work in process (the job's own duration_s against DuckDB's query time), and for
# alb-status the warm figures (the median of 3 runs after $WARMUP_RUNS warm-up runs in one JVM).
#
# Run from the repo root:   scripts/bench-single-run.sh [SIZE_MB]
#   SIZE_MB (or BENCH_SIZE_MB): MiB of generated ALB logs, one day (default 1024; e.g. 64 for a smoke run)
# Environment: SPARK_MASTER (default local[2]), DUCKDB_THREADS (default 2), WARMUP_RUNS (default 5),
#   BENCH_WARM=0 skips the warm in-process runs, BENCH_CDS=0 the small rows' runs without the build's
#   class data sharing archive (LOGLAKE_CDS=off) and the timing of writing it, BENCH_DAY (the ALB day, default 2026-01-17),
#   DEMO_DATE (the demo's day, default yesterday in UTC), BENCH_PARTS (a comma-separated subset of
#   status,r2p,small,demo,ledger: the rows to measure; default all), BENCH_BUILD=0 uses the build already in
#   this repo's target dirs, BENCH_MVN_VERIFY=1 also times `mvn -B verify` (the whole suite: long).
#
# It builds with the reactor (`package`, never `install`: the local Maven repository is left alone)
# and takes every classpath from this repo's target dirs. Data and lakes go to target/bench/single/;
# generated data is reused by later runs, lakes are fresh each time. Measures only; asserts nothing.
set -euo pipefail

MB="${1:-${BENCH_SIZE_MB:-1024}}"
MASTER="${SPARK_MASTER:-local[2]}"
THREADS="${DUCKDB_THREADS:-2}"
WARMUPS="${WARMUP_RUNS:-5}"
DAY="${BENCH_DAY:-2026-01-17}"
DEMO_DAY="${DEMO_DATE:-$(date -u -d yesterday +%F)}"
WORK="target/bench/single"
[[ -f pom.xml && -x scripts/loglake ]] || { echo "Run from the repository root" >&2; exit 2; }
[[ "$MB" =~ ^[1-9][0-9]*$ ]] || { echo "SIZE_MB must be a positive number of MiB, not '$MB'" >&2; exit 2; }
mkdir -p "$WORK"

if [[ "${BENCH_BUILD:-1}" != 0 ]]; then
  echo "== building the jobs jar and the bench classes (mvn package, reactor only)" >&2
  mvn -B -q -DskipTests -pl tests -am package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
fi
[[ -f tests/target/bench.classpath && -d tests/target/test-classes ]] ||
  { echo "No build: run without BENCH_BUILD=0 once" >&2; exit 2; }
CP="tests/target/test-classes:$(cat tests/target/bench.classpath)"
DUCK_CP="tests/target/test-classes:$(tr ':' '\n' <tests/target/bench.classpath | grep '/duckdb_jdbc-' | head -n 1)"
FLAGS="$(cat jobs/target/launcher/jvm-flags)"
export LOGLAKE_MASTER="$MASTER"
export LOGLAKE_CDS=on # the launcher's default: the build's class data archive; the "off" rows go without

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# field KEY SUMMARY: the first value of KEY (the job's own, before any per-step or per-dataset one)
field() { grep -o "\"$1\":[0-9.]*" <<<"$2" | head -n 1 | cut -d: -f2 || true; }
# key NAME OUTPUT: the seconds of a bench class's "NAME seconds=S ..." line, to 0.1 s
key() { sed -n "s/^$1 seconds=\([^ ]*\).*/\1/p" <<<"$2" | awk '{ printf "%.1f", $1 }'; }
ratio() { awk -v d="$1" -v o="$2" 'BEGIN { if (d == "" || o == "" || o == 0) print ""; else printf "%.2fx", d / o }'; }
# met MEASURED OP LIMIT -> met / missed (empty when not measured)
met() { [[ -z "$1" ]] && return; awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
  ok = (op == ">=") ? v + 0 >= l : v + 0 <= l; print (ok ? "met" : "missed") }'; }
ROWS=()
part() { [[ -z "${BENCH_PARTS:-}" || ",$BENCH_PARTS," == *",$1,"* ]]; }
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }
s() { if [[ -n "$1" ]]; then echo "$1 s"; fi; }

# job NAME ARGS...: runs scripts/loglake in a fresh JVM; sets WHOLE (wall s), DUR (the SUMMARY's
# duration_s), SUMMARY, and CODE. The console goes to $WORK/NAME.log.
job() {
  local name="$1" t0
  shift
  echo "== $name: scripts/loglake $*" >&2
  t0="$(now)"
  set +e
  SUMMARY="$(scripts/loglake "$@" 2>"$WORK/$name.log" | grep '^SUMMARY ' | tail -n 1)"
  CODE=$?
  set -e
  WHOLE="$(secs "$t0" "$(now)")"
  DUR="$(field duration_s "$SUMMARY")"
  if [[ $CODE -ne 0 || -z "$SUMMARY" ]]; then
    echo "   $name failed (exit $CODE): see $WORK/$name.log; its row stays empty" >&2
    WHOLE=""
    DUR=""
  fi
}
# duck WHAT DIR [OUT]: DuckDB in a fresh JVM; sets DUCK_WHOLE (wall s) and DUCK_IN (the query alone).
duck() {
  local t0 out
  t0="$(now)"
  out="$(java -cp "$DUCK_CP" dev.loglake.tests.DuckDbAlbBench "$1" "$2" "$THREADS" ${3:+"$3"} 2>"$WORK/duckdb-$1.log")"
  DUCK_WHOLE="$(secs "$t0" "$(now)")"
  DUCK_IN="$(key "duckdb_$1" "$out")"
  DUCK_ROWS="$(sed -n 's/.* rows=\([0-9]*\).*/\1/p' <<<"$out")"
}
lines_bytes() { zcat "$@" | wc -lc | awk '{ printf "%d lines, %.0f MB uncompressed", $1, $2 / 1e6 }'; }

# --- data: one day of ALB logs of ~MB MiB; one file of 5 MiB; an empty raw zone; the demo's day
RAW="$WORK/alb-$MB"
FILES=()
DATA="not used"
if part status || part r2p || part small; then
  if [[ ! -d "$RAW/AWSLogs" ]]; then
    echo "== generating ~$MB MiB of ALB logs for $DAY into $RAW" >&2
    LOGLAKE_LOG_LEVEL=warn scripts/loglake generate-sample-data --output "$RAW" --start "$DAY" --days 1 \
      --alb-mb "$MB" --loglake.lake.root "$WORK/gen-lake" >/dev/null
  fi
  mapfile -d '' FILES < <(find "$RAW/AWSLogs" -type f -name '*.log.gz' -print0 | sort -z)
  DATA="$(lines_bytes "${FILES[@]}")" # also puts the files in the page cache for both engines

  ONE="$WORK/alb-one-5mb"
  if [[ ! -d "$ONE/AWSLogs" ]]; then
    # The lines of the first files of the day, 5 MiB of them, in one gz file named like the first.
    dest="$ONE/${FILES[0]#"$RAW/"}"
    mkdir -p "$(dirname "$dest")"
    (set +o pipefail; zcat "${FILES[@]}" | awk '{ n += length($0) + 1; print; if (n >= 5 * 1048576) exit }' |
      gzip >"$dest")
  fi
fi
EMPTY="$WORK/empty-raw"
mkdir -p "$EMPTY"

DEMO_RAW="$WORK/demo-$DEMO_DAY"
if part demo && [[ ! -d "$DEMO_RAW/AWSLogs" ]]; then
  echo "== generating the demo's day $DEMO_DAY into $DEMO_RAW" >&2
  LOGLAKE_LOG_LEVEL=warn scripts/loglake generate-sample-data --output "$DEMO_RAW" --start "$DEMO_DAY" \
    --days 1 --loglake.lake.root "$WORK/gen-lake" >/dev/null
fi

# --- alb-status --source raw over the day, whole process, against DuckDB's read + GROUP BY
if part status; then
  rm -rf "$WORK/status-lake"
  job alb-status alb-status --source raw --input "$RAW/AWSLogs" --date "$DAY" --loglake.lake.root "$WORK/status-lake"
  OURS_W="$WHOLE"; OURS_IN="$DUR"
  duck status "$RAW/AWSLogs"
  R="$(ratio "$DUCK_WHOLE" "$OURS_W")"
  row "alb-status \`--source raw\`, $MB MiB, whole process" "$(s "$OURS_W")" "$(s "$DUCK_WHOLE") (read + GROUP BY)" \
    "$R" "≥ 0.35x" "$(met "${R%x}" ">=" 0.35)"
  row "  in process: the job's duration_s / DuckDB's query" "$(s "$OURS_IN")" "$(s "$DUCK_IN")" \
    "$(ratio "$DUCK_IN" "$OURS_IN")" "" ""
  if [[ "${BENCH_WARM:-1}" != 0 ]]; then
    echo "== alb-status read + aggregates, in process: first run and warm (AlbStatusBench)" >&2
    OUT="$(java -Xmx3g $FLAGS -cp "$CP" dev.loglake.tests.AlbStatusBench spark "$RAW/AWSLogs" "$DAY" "$MASTER" \
      "$THREADS" 3 "$WARMUPS" 2>"$WORK/status-bench-spark.log")"
    DOUT="$(java -cp "$CP" dev.loglake.tests.AlbStatusBench duckdb "$RAW/AWSLogs" "$DAY" "$MASTER" "$THREADS" 3 \
      "$WARMUPS" 2>"$WORK/status-bench-duckdb.log")"
    FIRST="$(key spark_first_run "$OUT")"
    WARM="$(key spark_alb_status "$OUT")"
    DWARM="$(key duckdb_alb_status "$DOUT")"
    row "  in process, read + aggregates: first run in the JVM / warm median" "$FIRST s / $WARM s" "$DWARM s (warm)" \
      "$(ratio "$DWARM" "$FIRST") / $(ratio "$DWARM" "$WARM")" "" ""
  fi
fi

# --- raw-to-processed alb_logs over the day against DuckDB's typed COPY to Parquet by date
if part r2p; then
  rm -rf "$WORK/r2p-lake" "$WORK/duckdb-copy"
  job raw-to-processed raw-to-processed --datasets alb_logs --date "$DAY" --loglake.lake.root "$WORK/r2p-lake" \
    --loglake.zones.raw "$RAW"
  OURS_W="$WHOLE"; OURS_IN="$DUR"; OURS_ROWS="$(field rows_written "$SUMMARY")"
  duck copy "$RAW/AWSLogs" "$WORK/duckdb-copy"
  R="$(ratio "$DUCK_WHOLE" "$OURS_W")"
  row "raw-to-processed alb_logs, $MB MiB, whole process" "$(s "$OURS_W")" \
    "$(s "$DUCK_WHOLE") (typed COPY of 30 fields to Parquet by date)" "$R" "≥ 0.4x" "$(met "${R%x}" ">=" 0.4)"
  row "  in process: the job's duration_s / DuckDB's COPY" "$(s "$OURS_IN")" "$(s "$DUCK_IN")" \
    "$(ratio "$DUCK_IN" "$OURS_IN")" "" ""
fi

# --- small inputs: whole process, fixed costs only
if part small; then
  rm -rf "$WORK/one-lake"
  job alb-status-one-file alb-status --source raw --input "$ONE/AWSLogs" --date "$DAY" --loglake.lake.root "$WORK/one-lake"
  row "alb-status \`--source raw\`, one file of 5 MiB, whole process" "$(s "$WHOLE")" "" "" "≤ 8 s" "$(met "$WHOLE" "<=" 8)"
  # The next run on that lake (the hourly report): its tables there and registered, the day's rows replaced.
  job alb-status-one-file-again alb-status --source raw --input "$ONE/AWSLogs" --date "$DAY" \
    --loglake.lake.root "$WORK/one-lake"
  row "  the same again on that lake (its tables there and registered)" "$(s "$WHOLE")" "" "" "≤ 8 s" \
    "$(met "$WHOLE" "<=" 8)"
  if [[ "${BENCH_CDS:-1}" != 0 ]]; then
    # The same without the build's class data sharing archive (LOGLAKE_CDS=off), and what writing that
    # archive costs the build once (the jobs module's `java -Xshare:dump`, timed again here).
    rm -rf "$WORK/one-lake"
    LOGLAKE_CDS=off job alb-status-one-file-no-cds alb-status --source raw --input "$ONE/AWSLogs" --date "$DAY" \
      --loglake.lake.root "$WORK/one-lake"
    row "  the same with LOGLAKE_CDS=off (no class data archive)" "$(s "$WHOLE")" "" "" "" ""
    t0="$(now)"
    rm -f "$WORK/cds-dump.jsa"
    # shellcheck disable=SC2086 # FLAGS is the launcher's list of JVM flags
    bash jobs/src/cds/archive.sh jobs/src/cds/classes.lst "$WORK/cds-dump.jsa" "$(pwd)/jobs/target/lib" $FLAGS \
      >"$WORK/cds-dump.log" 2>&1
    row "  writing the class data archive, once per build (\`mvn package\`)" "$(s "$(secs "$t0" "$(now)")")" "" "" "" ""
    rm -f "$WORK/cds-dump.jsa"
  fi
  rm -rf "$WORK/empty-lake"
  job raw-to-processed-empty raw-to-processed --date "$DAY" --loglake.lake.root "$WORK/empty-lake" \
    --loglake.zones.raw "$EMPTY"
  row "raw-to-processed, empty raw zone (no new file), whole process" "$(s "$WHOLE")" "" "" "≤ 8 s" "$(met "$WHOLE" "<=" 8)"
  if [[ "${BENCH_CDS:-1}" != 0 ]]; then
    rm -rf "$WORK/empty-lake-no-cds"
    LOGLAKE_CDS=off job raw-to-processed-empty-no-cds raw-to-processed --date "$DAY" \
      --loglake.lake.root "$WORK/empty-lake-no-cds" --loglake.zones.raw "$EMPTY"
    row "  the same with LOGLAKE_CDS=off (no class data archive)" "$(s "$WHOLE")" "" "" "" ""
  fi
  # The hourly run that finds nothing new: the first lake again, its tables registered by the run above.
  job raw-to-processed-empty-again raw-to-processed --date "$DAY" --loglake.lake.root "$WORK/empty-lake" \
    --loglake.zones.raw "$EMPTY"
  row "  the same again on that lake (its run history there, its tables registered)" "$(s "$WHOLE")" "" "" "≤ 8 s" \
    "$(met "$WHOLE" "<=" 8)"
fi

# --- the demo's day: pipeline on a fresh lake (and its Delta commits), then a full curated refresh
if part demo; then
  LAKE="$WORK/demo-lake"
  rm -rf "$LAKE"
  job pipeline pipeline --date "$DEMO_DAY" --loglake.lake.root "$LAKE" --loglake.zones.raw "$DEMO_RAW"
  PIPE_W="$WHOLE"; PIPE_IN="$(awk -v d="$DUR" 'BEGIN { if (d != "") printf "%.1f", d }')"
  COMMITS=""
  [[ -n "$PIPE_W" ]] && COMMITS="$(find "$LAKE" -path '*/_delta_log/*' -name '[0-9]*.json' | wc -l)"
  # Every model from scratch (the lake holds the demo's day only; --full-refresh takes no --from/--to).
  job processed-to-curated processed-to-curated --full-refresh \
    --loglake.lake.root "$LAKE" --loglake.zones.raw "$DEMO_RAW"
  row "processed-to-curated \`--full-refresh\`, the demo's day, in process (duration_s)" "$(s "$DUR")" "" "" \
    "≤ 15 s" "$(met "$DUR" "<=" 15)"
  row "pipeline, the demo's day, whole process (in process: ${PIPE_IN:-?} s)" "$(s "$PIPE_W")" "" "" "≤ 40 s" \
    "$(met "$PIPE_W" "<=" 40)"
  row "Delta commits of that pipeline run (new _delta_log/*.json)" "$COMMITS" "" "" "≤ 30" "$(met "$COMMITS" "<=" 30)"
fi

# --- the ledger: its own bench (scripts/bench-ledger.sh), when there is one
if part ledger; then
  if [[ -x scripts/bench-ledger.sh ]]; then
    echo "== scripts/bench-ledger.sh" >&2
    set +e
    scripts/bench-ledger.sh >"$WORK/bench-ledger.out" 2>"$WORK/bench-ledger.log"
    set -e
    # Its table row when it prints one; otherwise its last line, as printed.
    LEDGER="$(grep -i '^|.*ledger' "$WORK/bench-ledger.out" | grep -v -e '---' -e '| work |' | tail -n 1 || true)"
    # bench-ledger.sh's results block: "raw-to-processed, whole process  <large>s  <small>s  <ratio>x".
    WHOLE_LINE="$(grep '^raw-to-processed, whole process' "$WORK/bench-ledger.out" | tail -n 1 || true)"
    if [[ -n "$LEDGER" ]]; then
      ROWS+=("$LEDGER")
    elif [[ -n "$WHOLE_LINE" ]]; then
      read -r L_S S_S RATIO <<<"$(echo "$WHOLE_LINE" | awk '{print $(NF-2), $(NF-1), $NF}')"
      SMALL_ROWS="$(grep -o '[0-9]* rows' "$WORK/bench-ledger.out" | tail -n 1 | cut -d' ' -f1)"
      # The target is "<= 1.2x the time": the time ratio large/small, the inverse of the printed speed ratio.
      TIME_RATIO="$(awk -v l="${L_S%s}" -v s="${S_S%s}" 'BEGIN { printf "%.2f", (s > 0 ? l / s : 0) }')"
      row "one new file against a 3,000,000-row ledger, whole process (best of 2)" "$L_S" \
        "${SMALL_ROWS:-small} rows: $S_S" "${TIME_RATIO}x the time" "≤ 1.2x the time against a small ledger" \
        "$(met "$TIME_RATIO" "<=" 1.2)"
    else
      row "one new file against a 3,000,000-row ledger" "$(tail -n 1 "$WORK/bench-ledger.out")" "" "" \
        "≤ 1.2x the time against an empty ledger" "see $WORK/bench-ledger.out"
    fi
  else
    row "one new file against a 3,000,000-row ledger" "not measured" "" "" "≤ 1.2x the time against an empty ledger" ""
  fi
fi

if [[ "${BENCH_MVN_VERIFY:-0}" == 1 ]]; then
  echo "== mvn -B verify" >&2
  T0="$(now)"
  set +e
  mvn -B verify >"$WORK/mvn-verify.log" 2>&1
  CODE=$?
  set -e
  V="$(secs "$T0" "$(now)")"
  V_MIN="$(awk -v s="$V" 'BEGIN { printf "%.1f", s / 60 }')"
  [[ $CODE -eq 0 ]] || V_MIN="$V_MIN (failed, see $WORK/mvn-verify.log)"
  row "\`mvn -B verify\`, $(nproc) cores" "$V_MIN min" "" "" "≤ 8 min" "$(met "$(awk -v s="$V" 'BEGIN { print s / 60 }')" "<=" 8)"
fi

echo
echo "scripts/bench-single-run.sh $MB on $(date -u +%F), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):" \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the end; ALB day $DAY: ${#FILES[@]} gz files, $DATA;" \
  "demo's day $DEMO_DAY; loglake $MASTER, DuckDB $THREADS threads; ratio = DuckDB's time / loglake's" \
  "(rows: loglake ${OURS_ROWS:-?} written by raw-to-processed, DuckDB ${DUCK_ROWS:-?} copied)"
echo
echo "| work | loglake | DuckDB | ratio | target | met/missed |"
echo "|---|---:|---:|---:|---|---|"
printf '%s\n' "${ROWS[@]}"
