/**
 * Migration 3: what the customer said decides what happens next. Each call keeps the answer read from VAPI
 * (intent and the whole answer), what it means for calling (a callback time, a day before which nobody calls,
 * an order closed by the customer, a number VAPI could not dial) and the talk time; and `actions` holds the
 * work the answers give dispatch (reschedule, callback, address change, cancel, wrong number, fix phone), with
 * the state of their write-back to the courier.
 */
export const up = `
ALTER TABLE calls ADD COLUMN intent TEXT;
ALTER TABLE calls ADD COLUMN answer_json TEXT;
ALTER TABLE calls ADD COLUMN callback_at INTEGER;
ALTER TABLE calls ADD COLUMN no_call_before INTEGER;
ALTER TABLE calls ADD COLUMN closes_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN bad_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN talk_seconds REAL;

CREATE TABLE actions (
  id                  INTEGER PRIMARY KEY,
  awb                 TEXT NOT NULL REFERENCES orders (awb),
  call_id             INTEGER REFERENCES calls (id),
  kind                TEXT NOT NULL,
  state               TEXT NOT NULL DEFAULT 'open',
  date                TEXT,
  time                TEXT,
  address             TEXT,
  landmark            TEXT,
  notes               TEXT,
  created_at          INTEGER NOT NULL,
  done_at             INTEGER,
  done_note           TEXT,
  writeback           TEXT NOT NULL DEFAULT 'none',
  writeback_attempts  INTEGER NOT NULL DEFAULT 0,
  writeback_next_at   INTEGER,
  writeback_message   TEXT
);
CREATE INDEX actions_by_state ON actions (state, created_at);
CREATE INDEX actions_by_awb ON actions (awb);
CREATE INDEX actions_by_writeback ON actions (writeback, writeback_next_at);
`;
