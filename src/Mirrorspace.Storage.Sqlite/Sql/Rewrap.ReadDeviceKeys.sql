-- Only HS256 keys are sealed; ES256 and EdDSA devices register public keys, kept in clear.
SELECT device_id, signing_key
FROM devices
WHERE tenant_id = $tenant_id AND device_id > $after_id AND signing_algorithm = 'HS256'
ORDER BY device_id
LIMIT $limit;
