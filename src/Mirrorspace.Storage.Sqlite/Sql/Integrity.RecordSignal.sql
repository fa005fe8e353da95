INSERT INTO twin_signals (tenant_id, twin_id, at, kind, property, device_id, verdict, detail)
VALUES ($tenant_id, $twin_id, $at, $kind, $property, $device_id, $verdict, $detail);
