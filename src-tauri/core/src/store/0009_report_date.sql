-- Version 9: the day a duty report is dated (落款日期), as the secretary sets it — the day it is
-- handed in or read at the meeting. NULL: the day it is printed.
ALTER TABLE report ADD COLUMN dated TEXT;
