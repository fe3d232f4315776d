-- description: the 10 customers with the largest completed amount per day and currency (amounts in
--   different currencies are not added up), with their rank, transactions and amount.
-- grain: daily
SELECT date, currency, rank, customer_id, transactions, amount
FROM (
  SELECT
    date,
    currency,
    customer_id,
    COUNT(*) AS transactions,
    SUM(amount) AS amount,
    ROW_NUMBER() OVER (PARTITION BY date, currency ORDER BY SUM(amount) DESC, customer_id) AS rank
  FROM processed.transactions
  WHERE status = 'completed'
  GROUP BY date, currency, customer_id
) ranked
WHERE rank <= 10
