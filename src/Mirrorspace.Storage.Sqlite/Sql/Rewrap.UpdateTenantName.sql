-- Each rewrap update applies only if the row still holds the value that was read.
UPDATE tenants
SET name = $value
WHERE tenant_id = $tenant_id AND name = $expected;
