#!/usr/bin/env bash
# Quick start: builds the jar if needed, generates a day of sample data into ./lake/raw if absent,
# runs the whole pipeline locally (Spark local mode, ./lake as the lake) and prints where the
# results are. Re-running reuses the data and the build. Each run's full log is in lake/_logs/.
#
# Environment: DEMO_DATE (YYYY-MM-DD, default yesterday in UTC) for fresh sample data;
# LOGLAKE_LAKE_ROOT to put the lake elsewhere (default ./lake).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
lake="${LOGLAKE_LAKE_ROOT:-lake}"
export LOGLAKE_LAKE_ROOT="$lake"

if ! ls jobs/target/loglake-jobs-*.jar >/dev/null 2>&1 || [[ ! -d jobs/target/lib ]]; then
  echo "== Building the jobs jar (mvn -q -DskipTests package -pl jobs -am) ..."
  mvn -q -DskipTests package -pl jobs -am
fi

if [[ ! -d "$lake/raw/events/web" ]]; then
  date="${DEMO_DATE:-$(date -u -d yesterday +%F)}"
  echo "== Generating sample data for $date into $lake/raw ..."
  # Its table of files is enough here: its progress goes to its log file (warnings still show).
  LOGLAKE_LOG_LEVEL=warn scripts/loglake generate-sample-data --start "$date" --days 1 | grep -v -e '^SUMMARY ' -e '^$'
else
  # Reuse the data already there: report on its newest day.
  newest="$(find "$lake/raw/events/web" -type d -name 'day=*' | sort | tail -n 1)"
  date="$(echo "$newest" | sed -E 's#.*year=([0-9]{4})/month=([0-9]{2})/day=([0-9]{2}).*#\1-\2-\3#')"
  echo "== Reusing sample data in $lake/raw (newest day $date)"
fi

echo "== Running the pipeline for $date, then maintain (compaction, retention by age, VACUUM) ..."
# The pipeline's progress and its step table are on stderr; its stdout is the SUMMARY line, kept.
# maintain's retention counts from today: a DEMO_DATE older than the processed zone's 730 days
# (conf/application.conf) has its processed partitions expired by it. Yesterday is well inside.
set +e
scripts/loglake pipeline --date "$date" --maintain > "$lake/last-pipeline.out"
code=$?
set -e
summary="$(grep '^SUMMARY ' "$lake/last-pipeline.out" | tail -n 1)"

if [[ -d "$lake/curated/customer_activity_daily/_delta_log" ]]; then
  # The lake's pre-joined table: a user's web sessions and completed purchases of the day.
  echo "== curated.customer_activity_daily on $date, the 3 users who browsed and bought most:"
  query="SELECT user_id, sessions, pages, bounce_rate, completed_transactions AS purchases,
    array_join(transform(map_entries(completed_amount_by_currency), e -> concat(e.key, ' ', e.value)), ', ') AS amounts
    FROM curated.customer_activity_daily WHERE date = DATE'$date' AND sessions > 0 AND completed_transactions > 0
    ORDER BY completed_transactions DESC, sessions DESC, user_id"
  # The table only: the job's progress is in its log file; its row count and SUMMARY line are dropped.
  if table="$(scripts/loglake sql "$query" --limit 3 2>/dev/null)"; then
    echo "$table" | grep -v -E -e '^SUMMARY ' -e '^\(' -e '^$' -e '^-+( \| -+)* *$' | sed 's/^/   /' || true
  else
    echo "   (the query failed: see the sql run's log in $lake/_logs)"
  fi
fi

# The step table above already names the quality reports; the SUMMARY json is in $lake/last-pipeline.out.
echo "== Where everything is (pipeline exit code $code):"
echo "   zones      $(cd "$lake" && pwd)/{raw,processed,curated,quality,reports}"
echo "   logs       $(mkdir -p "$lake/_logs" && cd "$lake/_logs" && pwd) (one file per run, configuration included)"
echo "   catalog    $lake/_catalog: scripts/loglake sql \"SELECT * FROM curated.alb_status_daily\""
pdf="$(echo "$summary" | grep -o '"report_pdf":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
if [[ -n "$pdf" ]]; then
  echo "   ALB report      $pdf"
fi
exit "$code"
