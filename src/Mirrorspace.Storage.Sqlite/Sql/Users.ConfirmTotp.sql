-- Only the secret the code was checked against, and only a step after the last accepted one.
UPDATE users
SET totp_confirmed = 1, last_totp_step = $totp_step
WHERE tenant_id = $tenant_id AND username = $username AND disabled_at IS NULL
  AND totp_secret = $totp_secret
  AND (last_totp_step IS NULL OR last_totp_step < $totp_step);
