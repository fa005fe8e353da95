-- The first characters of a stored value carry its key version (see EncryptedText): group by them
-- here and decode the few distinct heads in code, instead of shipping every value out. Events are
-- counted in the indexed history's chunks (payload and source are an event's fourth and fifth
-- element) and in the log.
SELECT head, count(*)
FROM (
  SELECT substr(name, 1, $head_length) AS head FROM tenants WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(description, 1, $head_length) FROM api_keys WHERE tenant_id = $tenant_id AND description IS NOT NULL
  UNION ALL
  SELECT substr(document, 1, $head_length) FROM models WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(snapshot, 1, $head_length) FROM twins WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(e.value ->> 3, 1, $head_length) FROM twin_event_chunks AS c, json_each(c.events) AS e WHERE c.tenant_id = $tenant_id
  UNION ALL
  SELECT substr(e.value ->> 4, 1, $head_length) FROM twin_event_chunks AS c, json_each(c.events) AS e WHERE c.tenant_id = $tenant_id
  UNION ALL
  SELECT substr(payload, 1, $head_length) FROM twin_event_log WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(source, 1, $head_length) FROM twin_event_log WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(document, 1, $head_length) FROM quarantine WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(detail, 1, $head_length) FROM twin_signals WHERE tenant_id = $tenant_id
  UNION ALL
  SELECT substr(signing_key, 1, $head_length) FROM devices WHERE tenant_id = $tenant_id AND signing_algorithm = 'HS256'
  UNION ALL
  SELECT substr(totp_secret, 1, $head_length) FROM users WHERE tenant_id = $tenant_id AND totp_secret IS NOT NULL
)
GROUP BY head;
