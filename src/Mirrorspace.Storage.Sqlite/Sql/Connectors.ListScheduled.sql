SELECT tenant_id, connector_id, interval_ticks FROM connectors WHERE enabled = 1 ORDER BY tenant_id, connector_id;
