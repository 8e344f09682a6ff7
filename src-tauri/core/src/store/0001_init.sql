-- Version 1: branch profile, committee, member roster, membership transfers, settings.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Exactly one row: the branch this file belongs to.
CREATE TABLE branch (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL DEFAULT '',
    org_name      TEXT NOT NULL DEFAULT '',
    org_type      TEXT NOT NULL DEFAULT 'social_group',
    org_type_other TEXT NOT NULL DEFAULT '',
    superior      TEXT NOT NULL DEFAULT '',
    founded       TEXT,
    term_start    TEXT,
    term_years    INTEGER NOT NULL DEFAULT 3
);
INSERT INTO branch (id) VALUES (1);

CREATE TABLE member (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    id_number      TEXT NOT NULL UNIQUE,
    sex            TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date     TEXT NOT NULL,
    ethnicity      TEXT NOT NULL DEFAULT '',
    native_place   TEXT NOT NULL DEFAULT '',
    education      TEXT NOT NULL DEFAULT '',
    work_started   TEXT,
    category       TEXT NOT NULL
        CHECK (category IN ('full', 'probationary', 'candidate', 'activist', 'applicant')),
    joined         TEXT,
    probation_extension_months INTEGER NOT NULL DEFAULT 0,
    position       TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    -- 一方隶属、参加多重组织生活: membership kept in another organization while the person
    -- takes part in this branch's organizational life.
    membership_elsewhere INTEGER NOT NULL DEFAULT 0,
    membership_org TEXT NOT NULL DEFAULT '',
    is_mobile      INTEGER NOT NULL DEFAULT 0,
    lost_contact   INTEGER NOT NULL DEFAULT 0,
    note           TEXT NOT NULL DEFAULT ''
);

-- Membership (组织关系) moves into and out of this branch. A member who leaves keeps the row
-- in `member`; whether they are still here is read from their latest event.
CREATE TABLE membership_event (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('in', 'out')),
    date       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    org        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX membership_event_member ON membership_event(member_id, date);

CREATE TABLE committee_member (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES member(id),
    role       TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (member_id, role)
);
