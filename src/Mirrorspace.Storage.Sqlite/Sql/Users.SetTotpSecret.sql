UPDATE users
SET totp_secret = $totp_secret, totp_confirmed = 0, last_totp_step = NULL
WHERE tenant_id = $tenant_id AND username = $username AND disabled_at IS NULL;
