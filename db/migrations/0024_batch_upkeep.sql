-- An import writes each event, then its places, people and sources, and the
-- triggers rewrote the event's timeline row at every step: four writes of a
-- wide row an event, a third of what storing an event cost. Inside an
-- import batch's transaction `deferred` is 1; the triggers that follow
-- additions then wait, and the batch writes the rows of the events its
-- articles report once, when it commits (store::ImportBatch), and counts
-- one change to the place tree for the batch. The batch sets `deferred`
-- back to 0 before it commits, and a batch rolled back never set it, so
-- no one else ever sees 1. Removals are rare in an import and stay
-- immediate.
CREATE TABLE batch_upkeep (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    deferred INTEGER NOT NULL CHECK (deferred IN (0, 1))
);
INSERT INTO batch_upkeep (id, deferred) VALUES (1, 0);

DROP TRIGGER event_listing_added;
CREATE TRIGGER event_listing_added AFTER INSERT ON campaign_events
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    INSERT INTO event_listing (sort_date, id, kind, party_id, date_start, date_end,
                               date_precision, date_text, status, confidence, review_state)
    VALUES (coalesce(new.date_start, ''), new.id, new.kind, new.party_id, new.date_start,
            new.date_end, new.date_precision, new.date_text, new.status, new.confidence,
            new.review_state);
END;

DROP TRIGGER event_listing_place_added;
CREATE TRIGGER event_listing_place_added AFTER INSERT ON event_places
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE event_listing
    SET places = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_places ep JOIN places p ON p.id = ep.place_id
                           WHERE ep.event_id = new.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

DROP TRIGGER event_listing_person_added;
CREATE TRIGGER event_listing_person_added AFTER INSERT ON event_people
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE event_listing
    SET people = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_people ep JOIN people p ON p.id = ep.person_id
                           WHERE ep.event_id = new.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

DROP TRIGGER event_listing_source_added;
CREATE TRIGGER event_listing_source_added AFTER INSERT ON event_sources
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE event_listing
    SET sources = sources + NOT EXISTS (
            SELECT 1 FROM event_sources
            WHERE event_id = new.event_id AND article_id = new.article_id
              AND evidence_start != new.evidence_start),
        evidence = (SELECT evidence FROM event_sources WHERE event_id = new.event_id
                    ORDER BY article_id, evidence_start LIMIT 1)
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

DROP TRIGGER tally_article_place_added;
CREATE TRIGGER tally_article_place_added AFTER INSERT ON article_places
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;

DROP TRIGGER tally_event_place_added;
CREATE TRIGGER tally_event_place_added AFTER INSERT ON event_places
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
