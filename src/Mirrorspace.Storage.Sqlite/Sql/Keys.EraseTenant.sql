-- Crypto-shreds a tenant: its data keys and subject keys go (so every copy of its ciphertext, backups
-- included, is unreadable), and so do its rows, so nothing of it answers any more. With secure_delete
-- on, SQLite zeroes the freed bytes. Children before parents (foreign keys).
DELETE FROM relationships WHERE tenant_id = $tenant_id;
DELETE FROM twin_event_chunks WHERE tenant_id = $tenant_id;
DELETE FROM twin_event_log WHERE tenant_id = $tenant_id;
DELETE FROM twin_event_conflicts WHERE tenant_id = $tenant_id;
DELETE FROM twins WHERE tenant_id = $tenant_id;
DELETE FROM models WHERE tenant_id = $tenant_id;
DELETE FROM api_keys WHERE tenant_id = $tenant_id;
DELETE FROM devices WHERE tenant_id = $tenant_id;
DELETE FROM user_sessions WHERE tenant_id = $tenant_id;
DELETE FROM users WHERE tenant_id = $tenant_id;
DELETE FROM quarantine WHERE tenant_id = $tenant_id;
DELETE FROM twin_signals WHERE tenant_id = $tenant_id;
DELETE FROM connector_files WHERE tenant_id = $tenant_id;
DELETE FROM connectors WHERE tenant_id = $tenant_id;
DELETE FROM identity_providers WHERE tenant_id = $tenant_id;
DELETE FROM subject_keys WHERE tenant_id = $tenant_id;
DELETE FROM tenant_data_keys WHERE tenant_id = $tenant_id;
DELETE FROM tenant_key_policies WHERE tenant_id = $tenant_id;
DELETE FROM key_rewrap_cursors WHERE tenant_id = $tenant_id;
DELETE FROM tenants WHERE tenant_id = $tenant_id;
