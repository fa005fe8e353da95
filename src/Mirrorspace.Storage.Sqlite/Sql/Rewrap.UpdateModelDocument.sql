UPDATE models
SET document = $value
WHERE tenant_id = $tenant_id AND model_id = $row_id AND version = $row_version AND document = $expected;
