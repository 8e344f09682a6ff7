-- Version 8: what a secretary meets in the first week with real data.

-- 建账日期: the day the records start. Nothing before it is a gap — no period, no member's
-- absence, no dues month — unless something older was recorded. NULL in files from before
-- version 8: their records are taken as complete since the branch was founded.
ALTER TABLE branch ADD COLUMN records_from TEXT;

-- 离退休 as a field of its own (it was a word typed into 工作岗位): the roster filters by it
-- and the dues standard's category follows it.
ALTER TABLE member ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;

-- Members the secretary confirmed may be named in the year's duty report under a problem
-- (`attendance`: 较长时间未参加组织生活). Nothing names a member there unconfirmed.
CREATE TABLE report_named (
    year        INTEGER NOT NULL,
    problem     TEXT NOT NULL,
    member_id   INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    PRIMARY KEY (year, problem, member_id)
);
