-- One seek to the end of the twin's range of the primary key; no row when the twin has none.
SELECT version
FROM twin_events
WHERE tenant_id = $tenant_id AND twin_id = $twin_id
ORDER BY version DESC
LIMIT 1;
