UPDATE users
SET disabled_at = $at, password_hash = NULL, totp_secret = NULL, totp_confirmed = 0
WHERE tenant_id = $tenant_id AND username = $username AND disabled_at IS NULL;
