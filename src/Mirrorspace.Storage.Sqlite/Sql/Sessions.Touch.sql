UPDATE user_sessions SET last_seen_at = $last_seen_at WHERE token_hash = $token_hash AND last_seen_at < $last_seen_at;
