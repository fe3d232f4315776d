-- description: one row per web session (session_id): start, end, duration, pages (requests), bounce
--   (a single page), entry and exit path. A session belongs to the date it started; it may cross
--   midnight, so a change on a day recomputes the sessions of the day before and after as well.
-- grain: session
-- reads-days-before: 1
-- reads-days-after: 1
-- write-mode: merge
-- key: session_id
SELECT
  to_date(session_start) AS date,
  session_id,
  user_id,
  session_start,
  session_end,
  (unix_millis(session_end) - unix_millis(session_start)) / 1000.0D AS duration_s,
  pages,
  pages = 1 AS bounce,
  entry_path,
  exit_path
FROM (
  SELECT
    session_id,
    MAX(user_id) AS user_id,
    MIN(event_ts) AS session_start,
    MAX(event_ts) AS session_end,
    COUNT(*) AS pages,
    min_by(path, event_ts) AS entry_path,
    max_by(path, event_ts) AS exit_path
  FROM processed.web_events
  WHERE session_id IS NOT NULL
  GROUP BY session_id
) sessions
