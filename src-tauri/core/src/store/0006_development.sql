-- Version 6: the development pipeline (发展党员). One row per person and step of the 25, with
-- its date; `detail` holds what the step names (the two introducers, training hours, ...).
CREATE TABLE development_step (
    member_id INTEGER NOT NULL REFERENCES member(id),
    step      INTEGER NOT NULL CHECK (step BETWEEN 1 AND 25),
    date      TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, step)
);
