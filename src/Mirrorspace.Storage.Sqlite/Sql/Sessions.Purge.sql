DELETE FROM user_sessions WHERE expires_at < $expires_before OR last_seen_at < $last_seen_before;
