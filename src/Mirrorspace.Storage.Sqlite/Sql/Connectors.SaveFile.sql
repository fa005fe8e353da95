INSERT INTO connector_files (tenant_id, connector_id, file_name, content_hash, size, modified_at, state, next_line,
                             in_doubt_through, in_doubt_since, rows_accepted, rows_refused, started_at, completed_at)
VALUES ($tenant_id, $connector_id, $file_name, $content_hash, $size, $modified_at, $state, $next_line,
        $in_doubt_through, $in_doubt_since, $rows_accepted, $rows_refused, $started_at, $completed_at)
ON CONFLICT (tenant_id, connector_id, file_name, content_hash) DO UPDATE
SET size = excluded.size, modified_at = excluded.modified_at, state = excluded.state, next_line = excluded.next_line,
    in_doubt_through = excluded.in_doubt_through, in_doubt_since = excluded.in_doubt_since,
    rows_accepted = excluded.rows_accepted, rows_refused = excluded.rows_refused, completed_at = excluded.completed_at;
