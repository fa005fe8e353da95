INSERT INTO key_check (id, check_value, created_at)
VALUES (1, $check_value, $created_at)
ON CONFLICT (id) DO NOTHING;
