-- With a single MAX() aggregate, SQLite takes the bare columns from the row holding the maximum,
-- so each group yields its latest version's document.
SELECT tenant_id, model_id, MAX(version) AS version, document, created_at
FROM models
WHERE tenant_id = $tenant_id AND model_id > $after
GROUP BY model_id
ORDER BY model_id
LIMIT $limit;
