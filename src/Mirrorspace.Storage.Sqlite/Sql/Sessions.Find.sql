SELECT token_hash, tenant_id, username, created_at, last_seen_at, expires_at, anti_forgery_hash
FROM user_sessions
WHERE token_hash = $token_hash;
