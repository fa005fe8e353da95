-- What a prepared move checks before it stores what it grouped: the log rows up to $up_to are still
-- the same rows if their count, first seq and latest time are (rows are only appended and deleted,
-- and a seq reused after the log ran empty belongs to a later event).
SELECT count(*), min(seq), max(timestamp) FROM twin_event_log WHERE seq <= $up_to;
