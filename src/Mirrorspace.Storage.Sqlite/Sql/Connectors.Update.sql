-- Without new credentials ($credentials and $auth_kind NULL) the sealed ones stay as they are.
UPDATE connectors
SET host = $host, port = $port, user_name = $user_name,
    auth_kind = COALESCE($auth_kind, auth_kind), credentials = COALESCE($credentials, credentials),
    host_key_fingerprint = $host_key_fingerprint, remote_folder = $remote_folder, file_pattern = $file_pattern,
    format = $format, interval_ticks = $interval_ticks, processed = $processed, enabled = $enabled, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND connector_id = $connector_id;
