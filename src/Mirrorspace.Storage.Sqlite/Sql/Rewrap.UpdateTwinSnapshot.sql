-- The grain may have written a newer snapshot meanwhile (under the current key): then this is a no-op.
UPDATE twins
SET snapshot = $value
WHERE tenant_id = $tenant_id AND twin_id = $row_id AND version = $row_version AND snapshot = $expected;
