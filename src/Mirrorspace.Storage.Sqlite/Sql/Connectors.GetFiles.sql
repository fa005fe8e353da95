SELECT tenant_id, connector_id, file_name, content_hash, size, modified_at, state, next_line, in_doubt_through,
       in_doubt_since, rows_accepted, rows_refused, started_at, completed_at
FROM connector_files
WHERE tenant_id = $tenant_id AND connector_id = $connector_id AND file_name = $file_name
ORDER BY started_at;
