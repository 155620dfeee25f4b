/** Migration 1: orders, sessions, calls (with the orders each call covers), skipped runs and settings. */
export const up = `
CREATE TABLE orders (
  awb            TEXT PRIMARY KEY,
  order_id       TEXT,
  courier        TEXT,
  customer       TEXT NOT NULL,
  phone_raw      TEXT NOT NULL,
  phone_e164     TEXT,
  phone_problem  TEXT,
  type           TEXT NOT NULL,
  raw_status     TEXT NOT NULL,
  address        TEXT NOT NULL DEFAULT '',
  pincode        TEXT NOT NULL DEFAULT '',
  cod_amount     REAL,
  first_seen_at  INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX orders_by_phone ON orders (phone_e164);

CREATE TABLE order_type_changes (
  id          INTEGER PRIMARY KEY,
  awb         TEXT NOT NULL REFERENCES orders (awb),
  from_type   TEXT NOT NULL,
  to_type     TEXT NOT NULL,
  raw_status  TEXT NOT NULL,
  changed_at  INTEGER NOT NULL
);
CREATE INDEX order_type_changes_by_awb ON order_type_changes (awb);

CREATE TABLE sessions (
  id              INTEGER PRIMARY KEY,
  started_at      INTEGER NOT NULL,
  trigger         TEXT NOT NULL,
  state           TEXT NOT NULL,
  ended_at        INTEGER,
  planned         INTEGER NOT NULL DEFAULT 0,
  new_calls       INTEGER NOT NULL DEFAULT 0,
  retry_calls     INTEGER NOT NULL DEFAULT 0,
  completed       INTEGER NOT NULL DEFAULT 0,
  successful      INTEGER NOT NULL DEFAULT 0,
  failed          INTEGER NOT NULL DEFAULT 0,
  errors          INTEGER NOT NULL DEFAULT 0,
  skipped_json    TEXT NOT NULL DEFAULT '{}',
  note            TEXT
);
CREATE INDEX sessions_by_start ON sessions (started_at);

CREATE TABLE calls (
  id                  INTEGER PRIMARY KEY,
  session_id          INTEGER NOT NULL REFERENCES sessions (id),
  session_started_at  INTEGER NOT NULL,
  phone_e164          TEXT NOT NULL,
  attempt_number      INTEGER NOT NULL,
  kind                TEXT NOT NULL,
  provider_call_id    TEXT,
  state               TEXT NOT NULL,
  ended_reason        TEXT,
  outcome             TEXT,
  successful          INTEGER NOT NULL DEFAULT 0,
  started_at          INTEGER NOT NULL,
  ended_at            INTEGER,
  duration_seconds    REAL,
  cost                REAL,
  summary             TEXT,
  structured_data     TEXT,
  transcript          TEXT,
  recording_url       TEXT,
  provider_json       TEXT,
  error               TEXT
);
CREATE INDEX calls_by_phone ON calls (phone_e164, session_started_at);
CREATE INDEX calls_by_session ON calls (session_id);
CREATE INDEX calls_by_start ON calls (started_at);

CREATE TABLE call_orders (
  call_id         INTEGER NOT NULL REFERENCES calls (id),
  awb             TEXT NOT NULL REFERENCES orders (awb),
  attempt_number  INTEGER NOT NULL,
  PRIMARY KEY (call_id, awb)
);
CREATE INDEX call_orders_by_awb ON call_orders (awb);

CREATE TABLE skipped_runs (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  trigger  TEXT NOT NULL,
  reason   TEXT NOT NULL
);
CREATE INDEX skipped_runs_by_at ON skipped_runs (at);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
`;
