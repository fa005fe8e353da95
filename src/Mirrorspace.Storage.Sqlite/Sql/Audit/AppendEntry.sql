INSERT INTO audit_entries (sequence, timestamp, tenant_id, principal, action, resource, outcome, reason, remote_address, properties, purpose, hash)
VALUES ($sequence, $timestamp, $tenant_id, $principal, $action, $resource, $outcome, $reason, $remote_address, $properties, $purpose, $hash);
