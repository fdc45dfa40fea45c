-- Each article's places, once each: the dateline's and every place it
-- names. Place filters and the place tree's counts read this instead of
-- every mention (an article names its district many times over).
CREATE TABLE article_places (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id   INTEGER NOT NULL REFERENCES places(id),
    PRIMARY KEY (place_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_places_article ON article_places(article_id);

INSERT OR IGNORE INTO article_places (article_id, place_id)
    SELECT id, dateline_place_id FROM articles WHERE dateline_place_id IS NOT NULL
    UNION
    SELECT article_id, entity_id FROM mentions WHERE entity_kind = 'place';
