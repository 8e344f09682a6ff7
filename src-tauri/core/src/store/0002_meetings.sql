-- Version 2: organizational life — meetings, attendance, review grades, talk pairs, photos,
-- party groups.
CREATE TABLE party_group (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    -- A record that counts for a second kind too (主题党日 held as a 党员大会, ...).
    also_kind   TEXT,
    date        TEXT NOT NULL,
    time        TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    host        TEXT NOT NULL DEFAULT '',
    recorder    TEXT NOT NULL DEFAULT '',
    topics      TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL DEFAULT '',
    resolutions TEXT NOT NULL DEFAULT '',
    group_id    INTEGER REFERENCES party_group(id)
);
CREATE INDEX meeting_date ON meeting(date);

-- One row per person expected or present. Members by id; a non-member observer by name.
CREATE TABLE attendance (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES member(id),
    guest_name  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent', 'observer')),
    reason      TEXT NOT NULL DEFAULT '',
    CHECK (member_id IS NOT NULL OR guest_name <> '')
);
CREATE INDEX attendance_meeting ON attendance(meeting_id);
CREATE INDEX attendance_member ON attendance(member_id, status);

CREATE TABLE review_grade (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    grade       TEXT NOT NULL CHECK (grade IN ('excellent', 'qualified', 'basically_qualified', 'unqualified')),
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE talk_pair (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    a_member_id INTEGER NOT NULL REFERENCES member(id),
    b_member_id INTEGER NOT NULL REFERENCES member(id)
);

CREATE TABLE attachment (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    mime        TEXT NOT NULL,
    bytes       BLOB NOT NULL
);

-- 党小组: a member belongs to at most one group.
ALTER TABLE member ADD COLUMN group_id INTEGER REFERENCES party_group(id);
