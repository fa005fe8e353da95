INSERT INTO api_keys (tenant_id, key_id, role, secret_hash, created_at, expires_at, description, clearance, purpose, scopes, issued_by, break_glass)
VALUES ($tenant_id, $key_id, $role, $secret_hash, $created_at, $expires_at, $description, $clearance, $purpose, $scopes, $issued_by, $break_glass);
