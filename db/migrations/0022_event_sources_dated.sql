-- Each source of an event keeps a copy of the event's first day, in the
-- index by article: the timeline of search words gathers the events of
-- the matching articles with their dates from this index alone, sorts
-- them, and reads the rows of one page only. It read every such event's
-- row before sorting (80,000 rows for a district's name in a store of a
-- million articles). A trigger keeps the copy equal to the event's date.
ALTER TABLE event_sources ADD COLUMN date_start TEXT;
UPDATE event_sources
    SET date_start = (SELECT date_start FROM campaign_events WHERE id = event_sources.event_id);
DROP INDEX event_sources_article;
CREATE INDEX event_sources_article ON event_sources(article_id, date_start, event_id);

CREATE TRIGGER event_sources_date_start AFTER UPDATE OF date_start ON campaign_events BEGIN
    UPDATE event_sources SET date_start = new.date_start WHERE event_id = new.id;
END;
