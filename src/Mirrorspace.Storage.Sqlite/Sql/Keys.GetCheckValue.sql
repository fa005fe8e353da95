SELECT check_value
FROM key_check
WHERE id = 1;
