UPDATE users
SET password_hash = $password_hash, password_changed_at = $at, failed_attempts = 0, locked_until = NULL
WHERE tenant_id = $tenant_id AND username = $username AND disabled_at IS NULL;
