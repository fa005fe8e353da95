SELECT key_id, description
FROM api_keys
WHERE tenant_id = $tenant_id AND key_id > $after_id AND description IS NOT NULL
ORDER BY key_id
LIMIT $limit;
