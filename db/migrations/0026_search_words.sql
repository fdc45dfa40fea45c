-- The full-text index holds each article's words as text::search_text
-- makes them: folded, with everything but words made spaces. Its tokenizer
-- only splits at spaces then, and FTS5's `ascii` does that cheaply, where
-- `unicode61` looked each Devanagari character up in Unicode's tables and
-- took a sixth of an import's writing thread. `ascii` keeps every
-- non-ASCII character inside a token, which the search text leaves in
-- words only. Queries make their words with the same function.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'ascii'
);
INSERT INTO articles_fts (rowid, title, body)
    SELECT ((4294967295 - min(max(sort_time, -4294967296), 4294967295)) << 30)
               + (1073741823 - id),
           chunav_search_text(title),
           chunav_search_text(coalesce(standfirst, '') || char(10) || body)
    FROM articles;
