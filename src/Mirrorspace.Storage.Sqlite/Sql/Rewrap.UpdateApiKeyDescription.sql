UPDATE api_keys
SET description = $value
WHERE key_id = $row_id AND tenant_id = $tenant_id AND description = $expected;
