-- Finding the stored event that a new report repeats reads every candidate
-- of its kind, party and precision in a range of start dates; with the end
-- date in the index it tests each without reading the event's row, which
-- kept the lookup growing with the store.
DROP INDEX campaign_events_merge;
CREATE INDEX campaign_events_merge ON campaign_events(
    kind, party_id, date_precision, date_start, date_end
);

-- The merge index begins with the kind, so it serves a filter on kinds as
-- well; one index fewer to write for every event imported.
DROP INDEX campaign_events_kind;
