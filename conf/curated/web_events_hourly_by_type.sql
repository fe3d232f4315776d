-- description: web_events per date, UTC hour and path group (web events have no event type field;
--   the path's first segment, e.g. /category, is their category, as in web_kpis_daily): events, unique
--   users, unique sessions, latency average and exact p95 (ms).
-- grain: hourly
SELECT
  date,
  HOUR(event_ts) AS hour,
  path_group,
  COUNT(*) AS events,
  COUNT(DISTINCT user_id) AS unique_users,
  COUNT(DISTINCT session_id) AS unique_sessions,
  AVG(latency_ms) AS latency_avg_ms,
  percentile(latency_ms, 0.95) AS latency_p95_ms
FROM (
  SELECT e.*, COALESCE(NULLIF(regexp_extract(e.path, '^(/[^/?#]*)', 1), ''), '(none)') AS path_group
  FROM processed.web_events e
) events
GROUP BY date, HOUR(event_ts), path_group
