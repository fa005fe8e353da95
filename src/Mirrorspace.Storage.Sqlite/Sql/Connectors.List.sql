SELECT tenant_id, connector_id, host, port, user_name, auth_kind, host_key_fingerprint, remote_folder, file_pattern,
       format, interval_ticks, processed, enabled, created_at, updated_at
FROM connectors
WHERE tenant_id = $tenant_id AND connector_id > $after
ORDER BY connector_id
LIMIT $limit;
