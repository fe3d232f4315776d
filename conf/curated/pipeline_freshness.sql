-- description: end-to-end freshness ("bronze to gold" time) per dataset and event date, over the raw
--   files whose rows landed on the date: when they arrived (the file's modification time, from the
--   ledger), when their rows were committed to processed (the ledger's recorded_at), when the curated
--   tables were next built for the date (the end of the first processed-to-curated job run that started
--   after that commit and rebuilt the date, from curated._runs), and the delays in seconds (average over
--   the files and the slowest file). The curated columns are null until every file's rows reached a
--   curated build. Built after every other model of its job run, so it sees that run.
-- grain: daily
WITH files AS (
  SELECT DISTINCT dataset, date, source_file, run_id
  FROM processed._events
),
landed AS (
  SELECT
    f.dataset,
    f.date,
    f.source_file,
    timestamp_millis(l.modification_time) AS arrived_at,
    l.recorded_at AS processed_at
  FROM files f
  JOIN processed._ledger l
    ON l.dataset = f.dataset AND l.path = f.source_file AND l.run_id = f.run_id
  WHERE l.status = 'committed'
),
curated_runs AS (
  -- One row per processed-to-curated job run and date it rebuilt: its start and its last model's end.
  SELECT run_id, CAST(p AS DATE) AS date, MIN(started_at) AS started_at, MAX(ended_at) AS ended_at
  FROM curated._runs LATERAL VIEW explode(partitions) touched AS p
  WHERE job = 'processed-to-curated' AND status LIKE 'SUCCEEDED%' AND dataset <> 'pipeline_freshness'
  GROUP BY run_id, CAST(p AS DATE)
),
delays AS (
  SELECT
    l.dataset,
    l.date,
    l.arrived_at,
    l.processed_at,
    min_by(c.ended_at, c.started_at) AS curated_at
  FROM landed l
  LEFT JOIN curated_runs c ON c.date = l.date AND c.started_at >= l.processed_at
  GROUP BY l.dataset, l.date, l.source_file, l.arrived_at, l.processed_at
),
seconds AS (
  SELECT
    *,
    (unix_millis(processed_at) - unix_millis(arrived_at)) / 1000.0D AS to_processed_s,
    (unix_millis(curated_at) - unix_millis(arrived_at)) / 1000.0D AS to_curated_s
  FROM delays
)
SELECT
  date,
  dataset,
  COUNT(*) AS files,
  MIN(arrived_at) AS first_arrived_at,
  MAX(arrived_at) AS last_arrived_at,
  MAX(processed_at) AS last_processed_at,
  IF(COUNT(curated_at) = COUNT(*), MAX(curated_at), NULL) AS last_curated_at,
  AVG(to_processed_s) AS raw_to_processed_avg_s,
  MAX(to_processed_s) AS raw_to_processed_max_s,
  IF(COUNT(curated_at) = COUNT(*), AVG(to_curated_s), NULL) AS raw_to_curated_avg_s,
  IF(COUNT(curated_at) = COUNT(*), MAX(to_curated_s), NULL) AS raw_to_curated_max_s
FROM seconds
GROUP BY date, dataset
