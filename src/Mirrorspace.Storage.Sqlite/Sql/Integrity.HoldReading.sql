INSERT INTO quarantine (quarantine_id, tenant_id, twin_id, device_id, received_at, document, state, decided_at, decided_by)
VALUES ($quarantine_id, $tenant_id, $twin_id, $device_id, $received_at, $document, $state, NULL, NULL);
