DELETE FROM user_sessions WHERE token_hash = $token_hash;
