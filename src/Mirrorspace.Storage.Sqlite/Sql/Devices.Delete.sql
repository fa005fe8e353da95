DELETE FROM devices WHERE tenant_id = $tenant_id AND device_id = $device_id;
