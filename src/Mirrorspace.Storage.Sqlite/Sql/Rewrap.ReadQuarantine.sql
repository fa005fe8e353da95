SELECT quarantine_id, document
FROM quarantine
WHERE tenant_id = $tenant_id AND quarantine_id > $after_id
ORDER BY quarantine_id
LIMIT $limit;
