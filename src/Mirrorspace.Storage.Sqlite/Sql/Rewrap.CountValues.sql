-- Encrypted values as the rewrap pass counts them: an event holds two (payload and source), in
-- the indexed history or still in the log.
SELECT
  (SELECT count(*) FROM tenants WHERE tenant_id = $tenant_id)
  + (SELECT count(*) FROM api_keys WHERE tenant_id = $tenant_id AND description IS NOT NULL)
  + (SELECT count(*) FROM models WHERE tenant_id = $tenant_id)
  + (SELECT count(*) FROM twins WHERE tenant_id = $tenant_id)
  + 2 * (SELECT coalesce(sum(event_count), 0) FROM twin_event_chunks WHERE tenant_id = $tenant_id)
  + 2 * (SELECT count(*) FROM twin_event_log WHERE tenant_id = $tenant_id)
  + (SELECT count(*) FROM quarantine WHERE tenant_id = $tenant_id)
  + (SELECT count(*) FROM twin_signals WHERE tenant_id = $tenant_id)
  + (SELECT count(*) FROM devices WHERE tenant_id = $tenant_id AND signing_algorithm = 'HS256')
  + (SELECT count(*) FROM users WHERE tenant_id = $tenant_id AND totp_secret IS NOT NULL);
