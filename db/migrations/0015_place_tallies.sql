-- The place tree's counts of articles and events, kept from one count to
-- the next: counting every place of a big store takes seconds, and the
-- counts change only when what ties articles and events to places does.
-- `changes` goes up with each such change (the triggers below); the kept
-- counts hold while `counted` equals it.
CREATE TABLE place_tallies (
    place_id INTEGER PRIMARY KEY,
    articles INTEGER NOT NULL,
    events   INTEGER NOT NULL
);

CREATE TABLE tally_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL,
    counted INTEGER
);
INSERT INTO tally_state (id, changes, counted) VALUES (1, 0, NULL);

CREATE TRIGGER tally_article_place_added AFTER INSERT ON article_places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_article_place_removed AFTER DELETE ON article_places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_event_place_added AFTER INSERT ON event_places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_event_place_removed AFTER DELETE ON event_places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
-- Rejected events are not counted.
CREATE TRIGGER tally_event_reviewed AFTER UPDATE OF review_state ON campaign_events BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
-- Which districts make up a region or division.
CREATE TRIGGER tally_region_member_added AFTER INSERT ON region_members BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_region_member_removed AFTER DELETE ON region_members BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_place_added AFTER INSERT ON places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_place_removed AFTER DELETE ON places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
CREATE TRIGGER tally_place_moved AFTER UPDATE OF kind, parent_id ON places BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
