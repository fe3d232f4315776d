-- description: the lake's pre-joined dataset: per day and user, the web sessions started that day
--   (sessions, pages, bounce rate, from curated.web_sessions; anonymous sessions left out) joined with
--   the completed transactions of that day (count, amount per currency, from processed.transactions) on
--   user_id = customer_id. A user with sessions and no purchase, or a purchase and no session, has a
--   row too (full outer join); bounce_rate is null without sessions. A change in either input on a
--   date recomputes that date.
-- grain: daily
WITH web AS (
  SELECT
    date,
    user_id,
    COUNT(*) AS sessions,
    SUM(pages) AS pages,
    AVG(IF(bounce, 1.0D, 0.0D)) AS bounce_rate
  FROM curated.web_sessions
  WHERE user_id IS NOT NULL
  GROUP BY date, user_id
),
amounts AS (
  SELECT date, customer_id, currency, COUNT(*) AS transactions, SUM(amount) AS amount
  FROM processed.transactions
  WHERE status = 'completed'
  GROUP BY date, customer_id, currency
),
purchases AS (
  SELECT
    date,
    customer_id,
    SUM(transactions) AS completed_transactions,
    map_from_entries(array_sort(collect_list(struct(currency, amount)))) AS completed_amount_by_currency
  FROM amounts
  GROUP BY date, customer_id
)
SELECT
  COALESCE(w.date, p.date) AS date,
  COALESCE(w.user_id, p.customer_id) AS user_id,
  COALESCE(w.sessions, 0) AS sessions,
  COALESCE(w.pages, 0) AS pages,
  w.bounce_rate,
  COALESCE(p.completed_transactions, 0) AS completed_transactions,
  COALESCE(p.completed_amount_by_currency, CAST(map() AS MAP<STRING, DECIMAL(22,2)>))
    AS completed_amount_by_currency
FROM web w
FULL OUTER JOIN purchases p ON p.date = w.date AND p.customer_id = w.user_id
