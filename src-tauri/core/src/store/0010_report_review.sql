-- Version 10: the superior committee's 述职评议 of a year's duty report — its rating and its
-- 点评意见, each of which becomes an item of the next year's rectification list.
CREATE TABLE report_review (
    year        INTEGER PRIMARY KEY,
    rating      TEXT CHECK (rating IS NULL OR rating IN ('好', '较好', '一般', '差')),
    reviewed_on TEXT
);
CREATE TABLE report_review_point (
    id      INTEGER PRIMARY KEY,
    year    INTEGER NOT NULL,
    content TEXT NOT NULL
);
CREATE INDEX report_review_point_year ON report_review_point(year);
-- The 点评意见 a rectification item was made from (NULL: the program's own problem lines or
-- the secretary's own item).
ALTER TABLE report_item ADD COLUMN from_review INTEGER REFERENCES report_review_point(id);
