UPDATE twin_events
SET payload = $value
WHERE tenant_id = $tenant_id AND twin_id = $row_id AND version = $row_version AND payload = $expected;
