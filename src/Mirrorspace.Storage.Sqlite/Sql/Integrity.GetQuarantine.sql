SELECT quarantine_id, tenant_id, twin_id, device_id, received_at, document, state, decided_at, decided_by
FROM quarantine
WHERE tenant_id = $tenant_id AND quarantine_id = $quarantine_id;
