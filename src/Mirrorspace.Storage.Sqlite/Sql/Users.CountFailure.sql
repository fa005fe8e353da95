UPDATE users
SET failed_attempts = failed_attempts + 1
WHERE tenant_id = $tenant_id AND username = $username AND disabled_at IS NULL
RETURNING failed_attempts;
