-- A device whose key changed meanwhile got it sealed under the current key: then this is a no-op.
UPDATE devices
SET signing_key = $value
WHERE tenant_id = $tenant_id AND device_id = $row_id AND signing_key = $expected;
