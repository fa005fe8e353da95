SELECT tenant_id, username, password_hash, role, clearance, purpose, totp_secret, totp_confirmed, last_totp_step, failed_attempts, locked_until,
       created_at, password_changed_at, disabled_at
FROM users
WHERE tenant_id = $tenant_id AND username = $username;
