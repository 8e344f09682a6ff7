-- Version 7: the branch as social organizations have it — the organizations a (joint) branch
-- covers, its structure (a secretary only, or an elected committee), members whose 组织关系
-- is elsewhere, talks by pairs, transfer letters, education hours, review follow-ups and the
-- history of the activists' half-yearly reviews.

-- The organizations a branch covers (one, or up to five for a 联合党支部).
CREATE TABLE organization (
    id              INTEGER PRIMARY KEY,
    position        INTEGER NOT NULL DEFAULT 0,
    name            TEXT NOT NULL,
    -- 统一社会信用代码 (GB 32100), 18 characters; '' while unknown.
    credit_code     TEXT NOT NULL DEFAULT '',
    org_type        TEXT NOT NULL DEFAULT 'social_group',
    -- 登记管理机关, 业务主管单位 (optional).
    registrar       TEXT NOT NULL DEFAULT '',
    supervisor      TEXT NOT NULL DEFAULT '',
    -- 负责人, and whether that person is a Party member.
    head            TEXT NOT NULL DEFAULT '',
    head_is_member  INTEGER NOT NULL DEFAULT 0,
    -- 从业人员数; NULL while unknown.
    staff           INTEGER,
    -- 党建工作写入章程, and since when.
    charter         INTEGER NOT NULL DEFAULT 0,
    charter_date    TEXT,
    -- 双向进入、交叉任职: who of the committee holds a management post, in words;
    -- and whether the secretary attends or sits in on management meetings.
    cross_posts     TEXT NOT NULL DEFAULT '',
    secretary_in_management INTEGER NOT NULL DEFAULT 0,
    -- 党建工作指导员.
    instructor      TEXT NOT NULL DEFAULT '',
    instructor_unit TEXT NOT NULL DEFAULT ''
);

CREATE TABLE instructor_visit (
    id      INTEGER PRIMARY KEY,
    org_id  INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    date    TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT ''
);

-- The organization a person works in.
ALTER TABLE member ADD COLUMN org_id INTEGER REFERENCES organization(id);
-- For a member whose 组织关系 is elsewhere: dues are paid here all the same (a 流动党员活动证
-- may say so). Otherwise they pay where their membership is.
ALTER TABLE member ADD COLUMN dues_here INTEGER NOT NULL DEFAULT 0;

-- The structure: NULL follows the number of full members; 'committee' or 'secretary' is the
-- secretary's choice against it, with the reason.
ALTER TABLE branch ADD COLUMN structure TEXT;
ALTER TABLE branch ADD COLUMN structure_reason TEXT NOT NULL DEFAULT '';
-- The day the committee was elected; monthly 支委会 are required from then.
ALTER TABLE branch ADD COLUMN committee_elected TEXT;

-- 谈心谈话: two people, a day and a note. Not a meeting: nobody's attendance counts from it.
CREATE TABLE talk (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,
    a_member_id INTEGER NOT NULL REFERENCES member(id),
    b_member_id INTEGER NOT NULL REFERENCES member(id),
    note        TEXT NOT NULL DEFAULT '',
    CHECK (a_member_id <> b_member_id)
);
CREATE INDEX talk_date ON talk(date);

-- An `other` record counts as organizational life only when marked so.
ALTER TABLE meeting ADD COLUMN counts_as_life INTEGER NOT NULL DEFAULT 0;
-- Who gave a 党课 (a member, or a guest by name).
ALTER TABLE meeting ADD COLUMN lecturer_id INTEGER REFERENCES member(id);
ALTER TABLE meeting ADD COLUMN lecturer TEXT NOT NULL DEFAULT '';
-- Learning hours (学时) credited to each member present; NULL when the record carries none.
ALTER TABLE meeting ADD COLUMN hours REAL;
-- The year's 主题教育 / 学习教育 the record belongs to.
ALTER TABLE meeting ADD COLUMN theme TEXT NOT NULL DEFAULT '';

-- The 介绍信 of a transfer, and the day its 回执 came back.
ALTER TABLE membership_event ADD COLUMN letter_no TEXT NOT NULL DEFAULT '';
ALTER TABLE membership_event ADD COLUMN receipt_on TEXT;

-- What follows a 不合格 grade: 限期改正, 劝其退党 or 除名, with its dates.
CREATE TABLE review_followup (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    action      TEXT NOT NULL CHECK (action IN ('correct', 'persuade', 'remove')),
    due         TEXT,
    done_on     TEXT,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, member_id)
);

-- The half-yearly reviews of an activist (每半年一次考察), all of them.
CREATE TABLE development_review (
    member_id INTEGER NOT NULL REFERENCES member(id),
    date      TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, date)
);

-- The one review kept so far (step 6) starts each activist's history of reviews.
INSERT INTO development_review (member_id, date, note)
    SELECT member_id, date, detail FROM development_step WHERE step = 6;

-- The branch's one organization becomes its first, and everyone works there.
INSERT INTO organization (position, name, org_type)
    SELECT 0, org_name, org_type FROM branch WHERE id = 1 AND org_name <> '';
UPDATE member SET org_id = (SELECT MIN(id) FROM organization);

-- A committee of three or more on file was elected: at the start of its term.
UPDATE branch SET committee_elected = term_start
    WHERE (SELECT COUNT(*) FROM committee_member) >= 3;

-- Talk pairs of old 谈心谈话 records become talks; the records themselves stay, with their
-- text and photos, as records of another kind that do not count as organizational life.
INSERT INTO talk (date, a_member_id, b_member_id, note)
    SELECT m.date, t.a_member_id, t.b_member_id, m.topics
    FROM talk_pair t JOIN meeting m ON m.id = t.meeting_id
    WHERE t.a_member_id <> t.b_member_id;
UPDATE meeting SET also_kind = NULL WHERE also_kind = 'heart_talk';
UPDATE meeting SET kind = 'other',
    topics = CASE WHEN topics = '' THEN '谈心谈话' ELSE '谈心谈话：' || topics END
    WHERE kind = 'heart_talk';
DROP TABLE talk_pair;

-- The yearly 谈心谈话 requirement is now the pairs' coverage, not a meeting.
UPDATE setting SET value = json_set(value, '$.requirements', json((
        SELECT json_group_array(json(e.value)) FROM json_each(setting.value, '$.requirements') e
        WHERE json_extract(e.value, '$.kind') <> 'heart_talk')))
    WHERE key = 'rules' AND json_valid(value);
