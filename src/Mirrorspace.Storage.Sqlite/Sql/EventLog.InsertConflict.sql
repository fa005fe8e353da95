INSERT INTO twin_event_conflicts (seq, tenant_id, twin_id, version, timestamp, kind, payload, source)
VALUES ($seq, $tenant_id, $twin_id, $version, $timestamp, $kind, $payload, $source);
