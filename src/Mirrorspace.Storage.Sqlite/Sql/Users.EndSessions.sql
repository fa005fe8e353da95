DELETE FROM user_sessions WHERE tenant_id = $tenant_id AND username = $username;
