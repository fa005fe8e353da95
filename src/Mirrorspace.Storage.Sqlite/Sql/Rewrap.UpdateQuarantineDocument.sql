UPDATE quarantine
SET document = $value
WHERE tenant_id = $tenant_id AND quarantine_id = $row_id AND document = $expected;
