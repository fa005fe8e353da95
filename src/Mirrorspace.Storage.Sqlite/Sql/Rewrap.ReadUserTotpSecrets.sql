SELECT username, totp_secret
FROM users
WHERE tenant_id = $tenant_id AND username > $after_id AND totp_secret IS NOT NULL
ORDER BY username
LIMIT $limit;
