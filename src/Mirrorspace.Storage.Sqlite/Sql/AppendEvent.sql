-- A plain insert: a duplicate (tenant, twin, version) must fail the whole commit.
INSERT INTO twin_events (tenant_id, twin_id, version, timestamp, kind, payload, source)
VALUES ($tenant_id, $twin_id, $version, $timestamp, $kind, $payload, $source);
