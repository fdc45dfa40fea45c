-- Each article's parties and people once more for each of its places,
-- newest first within a place and a name: the first page of a district
-- and a party is one range of this table, where walking the district's
-- articles tested a party for each (about 14 for every row shown, each
-- read from disk when cold). Triggers keep it equal to the pairs of
-- `article_places` and `article_names` rows of one article, so that the
-- code writing those tables needs no change. It has no index by article:
-- each trigger knows every column of the rows it removes.
CREATE TABLE article_place_names (
    place_id    INTEGER NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    sort_time   INTEGER NOT NULL,
    article_id  INTEGER NOT NULL,
    PRIMARY KEY (place_id, entity_kind, entity_id, sort_time, article_id)
) WITHOUT ROWID;

INSERT INTO article_place_names (place_id, entity_kind, entity_id, sort_time, article_id)
    SELECT ap.place_id, n.entity_kind, n.entity_id, ap.sort_time, ap.article_id
    FROM article_places ap JOIN article_names n ON n.article_id = ap.article_id
    ORDER BY 1, 2, 3, 4, 5;

CREATE TRIGGER article_place_names_place_added AFTER INSERT ON article_places BEGIN
    INSERT INTO article_place_names (place_id, entity_kind, entity_id, sort_time, article_id)
        SELECT new.place_id, entity_kind, entity_id, new.sort_time, new.article_id
        FROM article_names WHERE article_id = new.article_id;
END;
CREATE TRIGGER article_place_names_name_added AFTER INSERT ON article_names BEGIN
    INSERT INTO article_place_names (place_id, entity_kind, entity_id, sort_time, article_id)
        SELECT place_id, new.entity_kind, new.entity_id, sort_time, new.article_id
        FROM article_places INDEXED BY article_places_article WHERE article_id = new.article_id;
END;
CREATE TRIGGER article_place_names_place_removed AFTER DELETE ON article_places BEGIN
    DELETE FROM article_place_names
        WHERE place_id = old.place_id
          AND (entity_kind, entity_id) IN
              (SELECT entity_kind, entity_id FROM article_names WHERE article_id = old.article_id)
          AND sort_time = old.sort_time AND article_id = old.article_id;
END;
CREATE TRIGGER article_place_names_name_removed AFTER DELETE ON article_names BEGIN
    DELETE FROM article_place_names
        WHERE (place_id, sort_time) IN
              (SELECT place_id, sort_time FROM article_places INDEXED BY article_places_article
               WHERE article_id = old.article_id)
          AND entity_kind = old.entity_kind AND entity_id = old.entity_id
          AND article_id = old.article_id;
END;
-- An article's time moves with a later version (`article_places_sort_time`).
CREATE TRIGGER article_place_names_moved AFTER UPDATE OF sort_time ON article_places BEGIN
    UPDATE article_place_names SET sort_time = new.sort_time
        WHERE place_id = old.place_id
          AND (entity_kind, entity_id) IN
              (SELECT entity_kind, entity_id FROM article_names WHERE article_id = old.article_id)
          AND sort_time = old.sort_time AND article_id = old.article_id;
END;
