#!/usr/bin/env bash
# Benchmarks ALB log parsing against the gunzip floor. Run from the repo root:
#   scripts/bench-alb-parse.sh [DIR]        (DIR of *.log.gz ALB logs, default target/bench/alb)
# Reports MB/s of uncompressed input for: zcat (decompression floor), the tokenizer in memory,
# the parser single-threaded over the gz files (gunzip + split + parse in one Java thread), and the
# Spark reader on local[2] (all fields, five columns), plus ratios. Measures only; asserts nothing.
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
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2" | head -1; }

echo "== parser, single thread, over the gz files (-Xmx64m: lines are streamed)"
PARSE_OUT="$(java -Xmx64m -cp "$CP" dev.loglake.common.alb.AlbParseBench "$DATA")"
echo "$PARSE_OUT"
BYTES="$(field uncompressed_bytes "$PARSE_OUT")"
PARSE_S="$(field seconds "$PARSE_OUT")"
GUNZIP_OUT="$(java -Xmx64m -cp "$CP" dev.loglake.common.alb.AlbParseBench "$DATA" --gunzip-only)"
echo "$GUNZIP_OUT"

echo "== zcat (decompression floor)"
T0="$(now)"; zcat "${FILES[@]}" >/dev/null; T1="$(now)"
ZCAT_S="$(awk -v a="$T0" -v b="$T1" 'BEGIN { print b - a }')"

echo "== tokenizer in memory"
java -cp "$CP" dev.loglake.common.alb.AlbTokenizerBench 200000

echo "== Spark reader on $MASTER"
T0="$(now)"
SPARK_OUT="$(java -Xmx2g $FLAGS -cp "$CP" dev.loglake.common.alb.AlbSparkBench "$DATA" "$MASTER" \
  2> "$WORK/spark-bench.log")"
T1="$(now)"
echo "$SPARK_OUT"
ALL_S="$(field seconds "$(grep spark_all_fields <<<"$SPARK_OUT")")"
FIVE_S="$(field seconds "$(grep spark_five_columns <<<"$SPARK_OUT")")"
PROC_S="$(awk -v a="$T0" -v b="$T1" 'BEGIN { print b - a }')"

ZCAT_R="$(rate "$BYTES" "$ZCAT_S")"
echo
echo "== results (MB/s of uncompressed input, $BYTES bytes)"
printf '%-34s %8s MB/s\n' "zcat" "$ZCAT_R"
printf '%-34s %8s MB/s  (%sx zcat)\n' "parser 1 thread over gz" "$(rate "$BYTES" "$PARSE_S")" \
  "$(ratio "$ZCAT_S" "$PARSE_S")"
printf '%-34s %8s MB/s  (%sx zcat)\n' "spark $MASTER all fields" "$(rate "$BYTES" "$ALL_S")" \
  "$(ratio "$ZCAT_S" "$ALL_S")"
printf '%-34s %8s MB/s  (%sx zcat)\n' "spark $MASTER five columns" "$(rate "$BYTES" "$FIVE_S")" \
  "$(ratio "$ZCAT_S" "$FIVE_S")"
printf '%-34s %8.1f s (JVM start, session, 3 queries)\n' "spark whole process" "$PROC_S"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
