SELECT sequence, timestamp, tenant_id, principal, action, resource, outcome, reason, remote_address, properties, purpose, hash
FROM audit_entries
WHERE sequence >= $from AND sequence <= $to
ORDER BY sequence;
