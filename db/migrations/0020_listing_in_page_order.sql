-- Every column an article list shows, in page order: newest first, by
-- time and then id. The first pages of any filter hold the store's newest
-- articles, which lie together here, so a page walked along a place's
-- index reads a few neighbouring pages of this one, and the pages of one
-- filter warm those of the next. Looked up by id instead
-- (`articles_listing`), the same rows lie scattered over the whole index,
-- each a read from disk when cold. It serves all that `articles_sort` did.
CREATE INDEX articles_newest ON articles(
    sort_time, id, published_at, outlet_id, language, title, url
);
DROP INDEX articles_sort;
