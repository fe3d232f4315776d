-- description: web_events per day and path group (the path's first segment, e.g. /category): requests,
--   success rate (status < 400), client error rate (4xx), error rate (5xx), latency average and exact
--   p50/p95/p99 (ms), bytes and unique users.
-- grain: daily
SELECT
  date,
  path_group,
  COUNT(*) AS requests,
  AVG(IF(status < 400, 1.0D, 0.0D)) AS success_rate,
  AVG(IF(status >= 400 AND status < 500, 1.0D, 0.0D)) AS client_error_rate,
  AVG(IF(status >= 500, 1.0D, 0.0D)) AS error_rate,
  AVG(latency_ms) AS latency_avg_ms,
  percentile(latency_ms, 0.5) AS latency_p50_ms,
  percentile(latency_ms, 0.95) AS latency_p95_ms,
  percentile(latency_ms, 0.99) AS latency_p99_ms,
  SUM(bytes) AS bytes,
  COUNT(DISTINCT user_id) AS unique_users
FROM (
  SELECT e.*, COALESCE(NULLIF(regexp_extract(e.path, '^(/[^/?#]*)', 1), ''), '(none)') AS path_group
  FROM processed.web_events e
) events
GROUP BY date, path_group
