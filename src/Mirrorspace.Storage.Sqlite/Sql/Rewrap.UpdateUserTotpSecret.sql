-- A user who enrolled anew meanwhile got the secret sealed under the current key: then this is a no-op.
UPDATE users
SET totp_secret = $value
WHERE tenant_id = $tenant_id AND username = $row_id AND totp_secret = $expected;
