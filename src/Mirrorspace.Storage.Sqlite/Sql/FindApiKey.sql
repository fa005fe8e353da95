SELECT key_id, tenant_id, role, secret_hash, created_at, expires_at, description, clearance, purpose, scopes, revoked_at, issued_by, break_glass
FROM api_keys
WHERE key_id = $key_id;
