-- Counting events, and events per week and party for the timeline's chart,
-- read these small indexes instead of every event row.
CREATE INDEX campaign_events_review ON campaign_events(review_state);
CREATE INDEX campaign_events_week ON campaign_events(
    date(date_start, '-' || ((strftime('%w', date_start) + 6) % 7) || ' days'),
    party_id,
    review_state
) WHERE date_start IS NOT NULL;
