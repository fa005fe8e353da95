-- Nothing changes when the password changed since it was verified, or when the TOTP step is not
-- after the last accepted one: two sign-ins with one code cannot both pass.
UPDATE users
SET failed_attempts = 0, locked_until = NULL,
    password_hash = coalesce($rehash, password_hash),
    last_totp_step = coalesce($totp_step, last_totp_step),
    totp_confirmed = CASE WHEN $totp_step IS NULL THEN totp_confirmed ELSE 1 END
WHERE tenant_id = $tenant_id AND username = $username AND disabled_at IS NULL
  AND password_hash = $verified_hash
  AND ($totp_step IS NULL OR last_totp_step IS NULL OR last_totp_step < $totp_step);
