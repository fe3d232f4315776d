#!/usr/bin/env bash
# scripts/cds-class-list.sh: writes jobs/src/cds/classes.lst, the classes a job's JVM loads from the
# JDK and from jobs/target/lib (Spark, Scala, Hadoop, Delta, Hive's client) in a day of work: sample
# data, the pipeline with maintain, alb-status on raw logs, an empty raw-to-processed and a sql query,
# each in its own JVM, in a temp lake.
#
# The build (mvn package, the jobs module) turns that list into the class data sharing archive
# jobs/target/launcher/loglake-cds.jsa (java -Xshare:dump), and scripts/loglake maps it into every
# job's JVM: those classes are then not read, parsed and verified again by each run.
#
# Run it again after a dependency changes version in the root pom, then commit the list. A stale list
# costs speed, never correctness: a class it names that is gone is skipped when the archive is written,
# and a class it does not name is loaded from its jar as without the archive.
#
# Needs the built jar (mvn -q -DskipTests package -pl jobs -am); takes about 3 minutes on 2 cores.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/jobs/src/cds/classes.lst"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
day=2024-03-10
lists=()

# Each run in a JVM of its own, as users run them, with the archive off (LOGLAKE_CDS=off).
run() {
  local name="$1"
  shift
  echo "== $name: scripts/loglake $*" >&2
  if ! LOGLAKE_CDS=off LOGLAKE_JAVA_OPTS="-XX:DumpLoadedClassList=$work/$name.lst" \
      LOGLAKE_LAKE_ROOT="$work/lake" "$repo/scripts/loglake" "$@" >"$work/$name.out" 2>&1; then
    echo "cds-class-list: 'scripts/loglake $*' failed; its output:" >&2
    tail -n 30 "$work/$name.out" >&2
    exit 1
  fi
  lists+=("$work/$name.lst")
}

run generate-sample-data generate-sample-data --start "$day" --days 1
run pipeline pipeline --date "$day" --maintain
run alb-status-raw alb-status --source raw --input "$work/lake/raw/AWSLogs" --date "$day"
run raw-to-processed-empty raw-to-processed --date "$day"
run sql sql "SELECT api, requests FROM curated.alb_status_daily ORDER BY requests DESC" --limit 3

mkdir -p "$(dirname "$out")"
{
  echo "# The classes loglake's jobs load from the JDK and jobs/target/lib, for the build's class data"
  echo "# sharing archive (java -Xshare:dump; see jobs/pom.xml). Written by scripts/cds-class-list.sh:"
  echo "# run it again after a dependency changes version. One JVM's list per run, merged in load order."
  # The JVM's own lists start with comment lines; each line is one class or one lambda form.
  awk '!/^#/ && !seen[$0]++' "${lists[@]}"
} >"$out"
echo "cds-class-list: $(grep -vc '^#' "$out") entries in ${out#"$repo"/}" >&2
