-- Version 3: the venue checklist (六有): the branch's activity venues, the items of the
-- standard each follows (plus custom ones), and dated checks with a status per item.
CREATE TABLE venue (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    address   TEXT NOT NULL DEFAULT '',
    standard  TEXT NOT NULL
);

CREATE TABLE venue_item (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    requirement TEXT NOT NULL DEFAULT '',
    custom      INTEGER NOT NULL DEFAULT 0,
    -- Removed items stay for the history of older checks.
    retired     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE venue_check (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    checked_by  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (venue_id, date)
);

CREATE TABLE venue_check_item (
    check_id     INTEGER NOT NULL REFERENCES venue_check(id) ON DELETE CASCADE,
    item_id      INTEGER NOT NULL REFERENCES venue_item(id),
    status       TEXT NOT NULL CHECK (status IN ('yes', 'partial', 'no')),
    explanation  TEXT NOT NULL DEFAULT '',
    remark       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (check_id, item_id)
);
