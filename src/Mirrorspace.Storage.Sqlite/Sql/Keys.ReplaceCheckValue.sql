UPDATE key_check
SET check_value = $check_value
WHERE id = 1 AND check_value = $expected;
