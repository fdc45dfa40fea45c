-- Everything a timeline page shows of an event, in the timeline's order:
-- undated events first (their sort date is ''), then by first day and id.
-- A page read each event's row, places, people and sources by event id,
-- four scattered reads an event when cold, as events are numbered in the
-- order articles arrive, not by date. Here the first events of every
-- filter lie together, so a page reads a few neighbouring pages, and the
-- pages one filter reads warm those of the next. Triggers keep each row
-- equal to its event, its places, its people and its sources.
CREATE TABLE event_listing (
    sort_date      TEXT NOT NULL,
    id             INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    party_id       INTEGER,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT NOT NULL,
    date_text      TEXT,
    status         TEXT NOT NULL,
    confidence     REAL NOT NULL,
    review_state   TEXT NOT NULL,
    -- English names, separated by char(31), in no order (the page sorts
    -- them): an ordered aggregate would make the schema unreadable to
    -- SQLite before 3.44, such as Debian 12's sqlite3.
    places         TEXT NOT NULL DEFAULT '',
    people         TEXT NOT NULL DEFAULT '',
    -- How many articles report the event, and the first one's sentence
    -- (by article id, then position).
    sources        INTEGER NOT NULL DEFAULT 0,
    evidence       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sort_date, id)
) WITHOUT ROWID;

INSERT INTO event_listing
SELECT coalesce(e.date_start, ''), e.id, e.kind, e.party_id, e.date_start, e.date_end,
       e.date_precision, e.date_text, e.status, e.confidence, e.review_state,
       coalesce((SELECT group_concat(p.name_en, char(31))
                 FROM event_places ep JOIN places p ON p.id = ep.place_id
                 WHERE ep.event_id = e.id), ''),
       coalesce((SELECT group_concat(p.name_en, char(31))
                 FROM event_people ep JOIN people p ON p.id = ep.person_id
                 WHERE ep.event_id = e.id), ''),
       (SELECT count(DISTINCT article_id) FROM event_sources WHERE event_id = e.id),
       coalesce((SELECT evidence FROM event_sources WHERE event_id = e.id
                 ORDER BY article_id, evidence_start LIMIT 1), '')
FROM campaign_events e
ORDER BY 1, 2;

-- The list's sentence is the first source's, whole; the short summary
-- each event kept of its first sentence is made from it when needed.
ALTER TABLE campaign_events DROP COLUMN summary;

CREATE TRIGGER event_listing_added AFTER INSERT ON campaign_events BEGIN
    INSERT INTO event_listing (sort_date, id, kind, party_id, date_start, date_end,
                               date_precision, date_text, status, confidence, review_state)
    VALUES (coalesce(new.date_start, ''), new.id, new.kind, new.party_id, new.date_start,
            new.date_end, new.date_precision, new.date_text, new.status, new.confidence,
            new.review_state);
END;

CREATE TRIGGER event_listing_changed AFTER UPDATE ON campaign_events BEGIN
    UPDATE event_listing
    SET sort_date = coalesce(new.date_start, ''), kind = new.kind, party_id = new.party_id,
        date_start = new.date_start, date_end = new.date_end,
        date_precision = new.date_precision, date_text = new.date_text, status = new.status,
        confidence = new.confidence, review_state = new.review_state
    WHERE sort_date = coalesce(old.date_start, '') AND id = old.id;
END;

CREATE TRIGGER event_listing_removed AFTER DELETE ON campaign_events BEGIN
    DELETE FROM event_listing WHERE sort_date = coalesce(old.date_start, '') AND id = old.id;
END;

-- Places, people and sources change the row of their event: found by its
-- date, which their own rows may not carry.
CREATE TRIGGER event_listing_place_added AFTER INSERT ON event_places BEGIN
    UPDATE event_listing
    SET places = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_places ep JOIN places p ON p.id = ep.place_id
                           WHERE ep.event_id = new.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

CREATE TRIGGER event_listing_place_removed AFTER DELETE ON event_places BEGIN
    UPDATE event_listing
    SET places = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_places ep JOIN places p ON p.id = ep.place_id
                           WHERE ep.event_id = old.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = old.event_id), '')
      AND id = old.event_id;
END;

CREATE TRIGGER event_listing_person_added AFTER INSERT ON event_people BEGIN
    UPDATE event_listing
    SET people = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_people ep JOIN people p ON p.id = ep.person_id
                           WHERE ep.event_id = new.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

CREATE TRIGGER event_listing_person_removed AFTER DELETE ON event_people BEGIN
    UPDATE event_listing
    SET people = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_people ep JOIN people p ON p.id = ep.person_id
                           WHERE ep.event_id = old.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = old.event_id), '')
      AND id = old.event_id;
END;

-- A new source counts only when its article had none for this event: an
-- article may give two sentences about one happening. Counting them all
-- again would read every source of an event that hundreds report.
CREATE TRIGGER event_listing_source_added AFTER INSERT ON event_sources BEGIN
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

CREATE TRIGGER event_listing_source_removed AFTER DELETE ON event_sources BEGIN
    UPDATE event_listing
    SET sources = (SELECT count(DISTINCT article_id) FROM event_sources
                   WHERE event_id = old.event_id),
        evidence = coalesce((SELECT evidence FROM event_sources WHERE event_id = old.event_id
                             ORDER BY article_id, evidence_start LIMIT 1), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = old.event_id), '')
      AND id = old.event_id;
END;
