-- Version 5: the dues ledger (党费). A member's standard for a year is fixed at the start of the
-- year from their income category and base, with the version of the rules used; payments are
-- one row per member and month paid for.
CREATE TABLE dues_basis (
    member_id       INTEGER NOT NULL REFERENCES member(id),
    year            INTEGER NOT NULL,
    category        TEXT NOT NULL,
    -- Monthly after-tax regular pay or basic pension, in fen; NULL when not needed.
    income_fen      INTEGER,
    standard        TEXT NOT NULL,
    computed_fen    INTEGER NOT NULL,
    rule            TEXT NOT NULL,
    -- Set by the branch with a reason, in place of the computed amount.
    override_fen    INTEGER,
    override_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, year)
);

CREATE TABLE dues_payment (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    paid_on     TEXT NOT NULL,
    -- 'self', or 'proxy' (paid by someone else with the member's consent).
    method      TEXT NOT NULL DEFAULT 'self',
    proxy       TEXT NOT NULL DEFAULT '',
    UNIQUE (member_id, year, month)
);
CREATE INDEX dues_payment_year ON dues_payment(year, member_id);
