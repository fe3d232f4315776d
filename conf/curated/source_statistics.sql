-- description: per dataset and event date: source files, processed records, quarantined records (total
--   and by reason), raw-to-processed runs that touched the date and their duplicates, first and last
--   event time, ingestion lag (ingested_at - event time, exact p50/p95, seconds).
-- grain: daily
WITH events AS (
  SELECT
    dataset,
    date,
    COUNT(*) AS records,
    MIN(event_time) AS first_event_at,
    MAX(event_time) AS last_event_at,
    percentile(unix_millis(ingested_at) - unix_millis(event_time), 0.5) / 1000.0D AS ingestion_lag_p50_s,
    percentile(unix_millis(ingested_at) - unix_millis(event_time), 0.95) / 1000.0D AS ingestion_lag_p95_s
  FROM processed._events
  GROUP BY dataset, date
),
quarantine_reasons AS (
  SELECT dataset, date, COALESCE(reason, '(none)') AS reason, COUNT(*) AS n
  FROM processed._quarantine
  GROUP BY dataset, date, COALESCE(reason, '(none)')
),
quarantined AS (
  SELECT dataset, date, SUM(n) AS quarantined, map_from_entries(collect_list(struct(reason, n))) AS by_reason
  FROM quarantine_reasons
  GROUP BY dataset, date
),
files AS (
  SELECT dataset, date, COUNT(DISTINCT source_file) AS files
  FROM (
    SELECT dataset, date, source_file FROM processed._events
    UNION ALL
    SELECT dataset, date, source_file FROM processed._quarantine
  ) f
  GROUP BY dataset, date
),
runs AS (
  SELECT dataset, CAST(p AS DATE) AS date, COUNT(*) AS runs, SUM(rows_duplicate) AS duplicates
  FROM processed._runs LATERAL VIEW explode(partitions) touched AS p
  WHERE job = 'raw-to-processed'
  GROUP BY dataset, CAST(p AS DATE)
),
days AS (
  SELECT dataset, date FROM events
  UNION SELECT dataset, date FROM quarantined
  UNION SELECT dataset, date FROM runs
)
SELECT
  d.date,
  d.dataset,
  COALESCE(f.files, 0) AS files,
  COALESCE(e.records, 0) AS records,
  COALESCE(q.quarantined, 0) AS quarantined,
  COALESCE(q.by_reason, CAST(map() AS MAP<STRING, BIGINT>)) AS quarantined_by_reason,
  COALESCE(r.runs, 0) AS runs,
  COALESCE(r.duplicates, 0) AS duplicates,
  e.first_event_at,
  e.last_event_at,
  e.ingestion_lag_p50_s,
  e.ingestion_lag_p95_s
FROM days d
LEFT JOIN events e ON e.dataset = d.dataset AND e.date = d.date
LEFT JOIN quarantined q ON q.dataset = d.dataset AND q.date = d.date
LEFT JOIN files f ON f.dataset = d.dataset AND f.date = d.date
LEFT JOIN runs r ON r.dataset = d.dataset AND r.date = d.date
