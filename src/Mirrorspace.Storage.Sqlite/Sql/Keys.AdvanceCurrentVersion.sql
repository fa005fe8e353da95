-- Optimistic: only from the version the caller read, so two rotations never both take the same next version.
UPDATE tenant_key_policies
SET current_version = $version, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND current_version = $expected_version AND $version = $expected_version + 1;
