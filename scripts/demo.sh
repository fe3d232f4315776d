#!/usr/bin/env bash
# Quick start: builds the jar if needed, generates a day of sample data into ./lake/raw if absent,
# runs the whole pipeline locally (Spark local mode, ./lake as the lake) and prints where the
# results are. Re-running reuses the data and the build.
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
  scripts/loglake generate-sample-data --start "$date" --days 1 | grep -v '^SUMMARY '
else
  # Reuse the data already there: report on its newest day.
  newest="$(find "$lake/raw/events/web" -type d -name 'day=*' | sort | tail -n 1)"
  date="$(echo "$newest" | sed -E 's#.*year=([0-9]{4})/month=([0-9]{2})/day=([0-9]{2}).*#\1-\2-\3#')"
  echo "== Reusing sample data in $lake/raw (newest day $date)"
fi

echo "== Running the pipeline for $date ..."
set +e
scripts/loglake pipeline --date "$date" | tee "$lake/last-pipeline.out" | grep -v '^SUMMARY '
code=${PIPESTATUS[0]}
set -e
summary="$(grep '^SUMMARY ' "$lake/last-pipeline.out" | tail -n 1)"

echo
echo "== Pipeline exit code: $code"
echo "$summary" | sed -E 's/^SUMMARY //' | python3 -c '
import json, sys
s = json.load(sys.stdin)
for step in s.get("steps", []):
    print("   %-22s %-16s %6.1f s" % (step.get("job"), step.get("status"), step.get("duration_s") or 0))
    datasets = step.get("datasets")
    for name, d in (datasets.items() if isinstance(datasets, dict) else []):
        print("      %-19s files %-5s read %-8s written %-8s quarantined %-6s duplicate %s" % (name,
              d.get("files"), d.get("rows_read"), d.get("rows_written"), d.get("rows_quarantined"), d.get("rows_duplicate")))
    for key in ("report_pdf", "report_csv", "report_json", "report_html"):
        if step.get(key):
            print("      %-19s %s" % (key.replace("_", " "), step[key]))
if s.get("not_implemented"):
    print("   (not implemented yet: %s; see the status table in README.md)" % ", ".join(s["not_implemented"]))
' 2>/dev/null || echo "$summary"
if [[ "$code" == 0 ]]; then
  echo
  echo "== A few rows of two curated tables (scripts/loglake sql):"
  scripts/loglake sql "SELECT date, path_group, requests, error_rate, latency_p95_ms FROM curated.web_kpis_daily ORDER BY requests DESC" --limit 5 2>/dev/null | grep -v '^SUMMARY ' || true
  scripts/loglake sql "SELECT date, api, requests, status_5xx, error_rate, latency_p99 FROM curated.alb_status_daily ORDER BY requests DESC" --limit 5 2>/dev/null | grep -v '^SUMMARY ' || true
fi

echo
echo "== Where the results are:"
for zone in raw processed curated quality reports; do
  printf '   %-10s %s\n' "$zone" "$(cd "$repo" && mkdir -p "$lake/$zone" && cd "$lake/$zone" && pwd)"
done
echo "   summary    $lake/last-pipeline.out"
echo "   catalog    $lake/_catalog (tables as processed.*, curated.*, quality.*: scripts/loglake sql \"SHOW TABLES IN curated\")"
pdf="$(echo "$summary" | grep -o '"report_pdf":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
html="$(echo "$summary" | grep -o '"report_html":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
if [[ -n "$html" ]]; then
  echo "   quality report  $html"
fi
if [[ -n "$pdf" ]]; then
  echo "   ALB report      $pdf"
fi
exit "$code"
