-- description: web sessions per start date: sessions, average duration, pages per session, bounce rate.
-- grain: daily
SELECT
  date,
  COUNT(*) AS sessions,
  AVG(duration_s) AS avg_duration_s,
  AVG(pages) AS pages_per_session,
  AVG(IF(bounce, 1.0D, 0.0D)) AS bounce_rate
FROM curated.web_sessions
GROUP BY date
