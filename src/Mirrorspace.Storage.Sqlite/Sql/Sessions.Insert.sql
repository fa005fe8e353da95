INSERT INTO user_sessions (token_hash, tenant_id, username, created_at, last_seen_at, expires_at, anti_forgery_hash)
VALUES ($token_hash, $tenant_id, $username, $created_at, $last_seen_at, $expires_at, $anti_forgery_hash);
