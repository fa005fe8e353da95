SELECT sequence, timestamp, tenant_id, principal, action, resource, outcome, reason, remote_address, properties, purpose, hash
FROM audit_entries
WHERE tenant_id = $tenant_id AND sequence >= $from
ORDER BY sequence
LIMIT $limit;
