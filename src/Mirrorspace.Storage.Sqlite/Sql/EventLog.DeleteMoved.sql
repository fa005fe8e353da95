DELETE FROM twin_event_log WHERE seq <= $up_to;
