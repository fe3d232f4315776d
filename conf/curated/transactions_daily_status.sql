-- description: transactions per day, status and currency: count, sum and average amount.
-- grain: daily
SELECT
  date,
  COALESCE(status, '(none)') AS status,
  currency,
  COUNT(*) AS transactions,
  SUM(amount) AS amount_sum,
  AVG(amount) AS amount_avg
FROM processed.transactions
GROUP BY date, COALESCE(status, '(none)'), currency
