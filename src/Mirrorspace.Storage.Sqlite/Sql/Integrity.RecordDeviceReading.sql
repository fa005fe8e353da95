-- Readings of one device may commit out of order (concurrent HTTPS requests): the stored sequence only
-- moves forward in RFC 1982 order, so a restart never reopens a window for an already accepted number.
UPDATE devices
SET last_sequence = CASE
      WHEN $last_sequence IS NULL THEN last_sequence
      WHEN last_sequence IS NULL THEN $last_sequence
      WHEN ((($last_sequence - last_sequence) % 4294967296) + 4294967296) % 4294967296 BETWEEN 1 AND 2147483647 THEN $last_sequence
      ELSE last_sequence
    END,
    trust = COALESCE($trust, trust)
WHERE tenant_id = $tenant_id AND device_id = $device_id;
