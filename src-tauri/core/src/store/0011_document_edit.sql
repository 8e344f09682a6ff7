-- Version 11: the secretary's own wording of a paragraph of a document drafted from the
-- records (the 组织生活会 and 民主评议 reports of the yearly package). Kept apart from the
-- records: the draft follows the records, an edit stays until it is taken back.
CREATE TABLE document_edit (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    key  TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (kind, year, key)
);
