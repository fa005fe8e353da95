UPDATE users SET locked_until = $locked_until WHERE tenant_id = $tenant_id AND username = $username;
