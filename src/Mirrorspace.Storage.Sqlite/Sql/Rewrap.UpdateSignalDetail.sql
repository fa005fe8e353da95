-- A sealed value is unique (random nonce), so (twin, time, old value) names one row.
UPDATE twin_signals
SET detail = $value
WHERE tenant_id = $tenant_id AND twin_id = $row_id AND at = $row_version AND detail = $expected;
