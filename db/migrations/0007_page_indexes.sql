-- A page of the timeline under a filter that many events pass is read in
-- date order from this index, which also holds the columns those filters
-- test, so only the page's own event rows are read. It starts with the
-- columns of campaign_events_date, which it replaces.
CREATE INDEX campaign_events_timeline ON campaign_events(
    date_start, id, date_end, review_state, party_id, kind, status
);
DROP INDEX campaign_events_date;

-- The longest any event lasts, read from this index in one step, bounds
-- how long before a date range an event that overlaps it can start.
CREATE INDEX campaign_events_span ON campaign_events(
    julianday(date_end) - julianday(date_start)
);
