-- Version 4: the yearly duty report (述职报告) with its revisions, and the responsibility and
-- rectification lists that carry from one year into the next.
CREATE TABLE report (
    year      INTEGER PRIMARY KEY,
    final     INTEGER NOT NULL DEFAULT 0
);

-- Every save is a revision; the newest is the report. Content is the paragraphs as JSON.
CREATE TABLE report_revision (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL REFERENCES report(year) ON DELETE CASCADE,
    saved_at   TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    content    TEXT NOT NULL
);
CREATE INDEX report_revision_year ON report_revision(year, id);

CREATE TABLE report_item (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    list         TEXT NOT NULL CHECK (list IN ('responsibility', 'rectification')),
    content      TEXT NOT NULL,
    owner        TEXT NOT NULL DEFAULT '',
    due          TEXT,
    done         INTEGER NOT NULL DEFAULT 0,
    -- The item of the year before that this one continues.
    carried_from INTEGER REFERENCES report_item(id)
);
CREATE INDEX report_item_year ON report_item(year, list);
