INSERT INTO connectors (tenant_id, connector_id, host, port, user_name, auth_kind, credentials, host_key_fingerprint,
                        remote_folder, file_pattern, format, interval_ticks, processed, enabled, created_at, updated_at)
VALUES ($tenant_id, $connector_id, $host, $port, $user_name, $auth_kind, $credentials, $host_key_fingerprint,
        $remote_folder, $file_pattern, $format, $interval_ticks, $processed, $enabled, $created_at, $updated_at)
ON CONFLICT (tenant_id, connector_id) DO NOTHING;
