-- The full-text index keys each article by its place in page order (newest
-- first, then the higher id) instead of by its id. The first page of a
-- search then reads the first matches of the index and stops, where a
-- common word used to gather every article it matches (hundreds of
-- thousands in a big store) before the newest fifty could be picked.
--
-- The key packs the time, inverted, above the id, inverted:
--     ((4294967295 - time) << 30) + (1073741823 - id)
-- with the time in Unix seconds, clamped to the years 1834 to 2106, and ids
-- below 2^30. store::search::search_key writes the same expression.
DROP TRIGGER articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid =
        ((4294967295 - min(max(old.sort_time, -4294967296), 4294967295)) << 30)
        + (1073741823 - old.id);
END;

-- An article whose time or text changes leaves the index under its old
-- key. The import that changed it enters it again, under its new key, when
-- its batch commits (store::ImportBatch).
CREATE TRIGGER articles_fts_unindex AFTER UPDATE OF sort_time, title, standfirst, body
ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid =
        ((4294967295 - min(max(old.sort_time, -4294967296), 4294967295)) << 30)
        + (1073741823 - old.id);
END;

INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
INSERT INTO articles_fts (rowid, title, body)
    SELECT ((4294967295 - min(max(sort_time, -4294967296), 4294967295)) << 30)
               + (1073741823 - id),
           chunav_fold(title),
           chunav_fold(coalesce(standfirst, '') || char(10) || body)
    FROM articles;
