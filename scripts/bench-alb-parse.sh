#!/usr/bin/env bash
# Benchmarks ALB log parsing against the gunzip floor. Run from the repo root:
#   scripts/bench-alb-parse.sh [DIR]        (DIR of *.log.gz ALB logs, default target/bench/alb)
# Reports MB/s of uncompressed input for: zcat (decompression floor, median of three runs spread
# over the benchmark because the machine may be shared), the tokenizer in memory (generated and
# real lines), the parser single-threaded over the gz files (gunzip + split + parse in one Java
# thread; also with inflate on a second thread), and the Spark reader on local[2] (all fields twice,
# five columns, count; process CPU seconds printed per query), plus ratios. Measures only.
# Env: ALB_BENCH_MB (size to generate, default 1024), SPARK_MASTER (default local[2]).
set -euo pipefail

DATA="${1:-target/bench/alb}"
MB="${ALB_BENCH_MB:-1024}"
MASTER="${SPARK_MASTER:-local[2]}"
WORK="target/bench"
mkdir -p "$WORK"

if [[ ! -f pom.xml || ! -d common ]]; then
  echo "Run from the repository root (scripts/bench-alb-parse.sh)" >&2
  exit 2
fi

echo "== building common test classes (offline)"
mvn -B -o -q -pl common test-compile
mvn -B -o -q -pl common dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="../$WORK/common.classpath" >/dev/null
CP="common/target/test-classes:common/target/classes:$(cat "$WORK/common.classpath")"

if [[ -f jobs/target/launcher/jvm-flags ]]; then
  FLAGS="$(cat jobs/target/launcher/jvm-flags)"
elif FLAGS="$(mvn -B -q -Dstyle.color=never help:evaluate -DforceStdout \
    -Dexpression=spark.jvm.flags 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g')" \
    && [[ "$FLAGS" == *add-opens* ]]; then
  :
else # offline without the help plugin: read the property straight from the root pom
  FLAGS="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)"
fi

if [[ ! -d "$DATA" ]]; then
  if [[ -x scripts/loglake ]] && scripts/loglake --help 2>&1 | grep -q generate-sample-data; then
    echo "== generating ~${MB} MiB of sample ALB logs with scripts/loglake into $DATA"
    scripts/loglake generate-sample-data --output "$DATA" --days 1 --alb-mb "$MB"
  else
    echo "== scripts/loglake generate-sample-data not available: using the test generator"
    java -cp "$CP" dev.loglake.common.alb.AlbBenchDataGenerator "$DATA" "$MB" 8
  fi
fi

mapfile -d '' FILES < <(find "$DATA" -type f -name '*.log.gz' ! -name 'conn_log*' -print0 | sort -z)
if [[ ${#FILES[@]} -eq 0 ]]; then
  echo "No *.log.gz files under $DATA" >&2
  exit 1
fi
echo "== ${#FILES[@]} gz files, $(du -ch "${FILES[@]}" | tail -1 | cut -f1) compressed"

now() { date +%s.%N; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
field() { sed -n "s/^\(.* \)\{0,1\}$1=\([^ ]*\).*/\2/p" <<<"$2" | head -1; }
# zcat runs between the Java measurements (the machine may be shared): the floor is their median.
ZCATS=()
zcat_once() {
  local t0 t1
  t0="$(now)"; zcat "${FILES[@]}" >/dev/null; t1="$(now)"
  ZCATS+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  echo "zcat seconds=${ZCATS[-1]} load=$(cut -d' ' -f1 /proc/loadavg)"
}
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== zcat (decompression floor) and the parser, single thread, over the gz files"
echo "   (-Xmx64m: lines are streamed)"
zcat_once
PARSE_OUT="$(java -Xmx64m -cp "$CP" dev.loglake.common.alb.AlbParseBench "$DATA")"
echo "$PARSE_OUT"
BYTES="$(field uncompressed_bytes "$PARSE_OUT")"
PARSE_S="$(field seconds "$PARSE_OUT")"
AHEAD_OUT="$(java -Xmx64m -cp "$CP" dev.loglake.common.alb.AlbParseBench "$DATA" --inflate-thread)"
echo "$AHEAD_OUT"
AHEAD_S="$(field seconds "$AHEAD_OUT")"
GUNZIP_OUT="$(java -Xmx64m -cp "$CP" dev.loglake.common.alb.AlbParseBench "$DATA" --gunzip-only)"
echo "$GUNZIP_OUT"
GUNZIP_S="$(field seconds "$GUNZIP_OUT")"
zcat_once

echo "== tokenizer in memory"
java -cp "$CP" dev.loglake.common.alb.AlbTokenizerBench 200000
java -cp "$CP" dev.loglake.common.alb.AlbTokenizerBench 200000 "$DATA"

echo "== Spark reader on $MASTER"
T0="$(now)"
SPARK_OUT="$(java -Xmx2g $FLAGS -Dalb.bench.repeat=true -cp "$CP" \
  dev.loglake.common.alb.AlbSparkBench "$DATA" "$MASTER" \
  2> "$WORK/spark-bench.log")"
T1="$(now)"
echo "$SPARK_OUT"
ALL_S="$(field seconds "$(grep 'spark_all_fields ' <<<"$SPARK_OUT")")"
AGAIN_S="$(field seconds "$(grep spark_all_fields_again <<<"$SPARK_OUT")")"
FIVE_S="$(field seconds "$(grep spark_five_columns <<<"$SPARK_OUT")")"
COUNT_S="$(field seconds "$(grep spark_count <<<"$SPARK_OUT")")"
PROC_S="$(awk -v a="$T0" -v b="$T1" 'BEGIN { print b - a }')"
zcat_once

ZCAT_S="$(printf '%s\n' "${ZCATS[@]}" | sort -g | sed -n 2p)"
ZCAT_R="$(rate "$BYTES" "$ZCAT_S")"
line() { printf '%-36s %8s MB/s  (%sx zcat)\n' "$1" "$(rate "$BYTES" "$2")" "$(ratio "$ZCAT_S" "$2")"; }
echo
echo "== results (MB/s of uncompressed input, $BYTES bytes; zcat = median of ${ZCATS[*]} s)"
printf '%-36s %8s MB/s\n' "zcat" "$ZCAT_R"
line "java gunzip + line split, 1 thread" "$GUNZIP_S"
line "parser 1 thread over gz" "$PARSE_S"
line "parser over gz + inflate thread" "$AHEAD_S"
line "spark $MASTER all fields (1st)" "$ALL_S"
line "spark $MASTER all fields (2nd)" "$AGAIN_S"
line "spark $MASTER five columns" "$FIVE_S"
line "spark $MASTER count" "$COUNT_S"
printf '%-36s %8.1f s (JVM start, session, warm-up, 5 queries)\n' "spark whole process" "$PROC_S"
echo "load average: start $LOAD_START, end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
