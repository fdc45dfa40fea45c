-- Every column an article list shows, keyed by id: a filter's own articles
-- (a district's, a party's, a search's) are looked up and sorted here
-- without reading article rows, each of which holds a whole article.
CREATE INDEX articles_listing ON articles(
    id, sort_time, published_at, outlet_id, language, title, url
);
