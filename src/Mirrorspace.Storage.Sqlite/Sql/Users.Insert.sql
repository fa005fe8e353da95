INSERT INTO users (tenant_id, username, password_hash, role, clearance, purpose, totp_secret, totp_confirmed, last_totp_step,
                   failed_attempts, locked_until, created_at, password_changed_at, disabled_at)
VALUES ($tenant_id, $username, $password_hash, $role, $clearance, $purpose, $totp_secret, $totp_confirmed, $last_totp_step,
        $failed_attempts, $locked_until, $created_at, $password_changed_at, $disabled_at)
ON CONFLICT DO NOTHING;
