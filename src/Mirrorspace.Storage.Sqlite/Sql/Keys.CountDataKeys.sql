SELECT count(*)
FROM tenant_data_keys;
