-- Moves the stored policy on by one version, only from the version the caller read.
UPDATE access_policies
SET version = version + 1, document = $document, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND version = $expected_version
RETURNING version;
