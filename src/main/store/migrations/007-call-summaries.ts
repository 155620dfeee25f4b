/**
 * Migration 7: planning independent of the call history's length. What the policy needs of the history —
 * per order: attempts, success, closed by the customer, not before a day; per number: the latest session that
 * called it, the callback it asked for, calls not yet ended, a number VAPI could not dial — is kept in two
 * summary tables that triggers on `calls` and `call_orders` bring up to date in the same transaction as the
 * write, so a session plans from one row per callable order instead of reading every call ever made.
 *
 * A trigger recomputes the summaries of the orders and the number a changed call touches from their own
 * calls (a handful of rows, found by index); it never adds or subtracts, so a summary cannot drift from the
 * history. The rules are domain/policy.ts `summariseCalls`'s (tests/integration/call-summaries.test.ts
 * checks that both agree on random histories). A call counts when its outcome is neither `error` nor
 * `canceled` (domain/call.ts countsAsAttempt).
 *
 * Deleting calls (call retention, desk/retention.ts) recomputes the summaries from the calls that remain, as
 * planning from the whole history did. The cap on attempts counts across days, so this is safe only because
 * retention never removes a call of an order still callable, nor a call not yet ended (store/retention.ts):
 * every order a session may call keeps all its calls, and its summary with them. An order whose calls went
 * (delivered or returned months ago) and that becomes callable again starts afresh, as it did before.
 *
 * Also: a partial index of the callable orders (OFD / Undelivered) oldest first, covering what the policy
 * reads of them (planning never opens an order's row); one by type for the counts of the rest; and one of
 * the calls that carry a callback time (the callback timer's lookup).
 */
const counts = (call: string) => `(${call}.outcome IS NULL OR ${call}.outcome NOT IN ('error', 'canceled'))`;

/**
 * The summary rows of the orders `keys` yields (a SELECT of an `awb` column), from their calls. The keys
 * drive the join (CROSS JOIN keeps SQLite from scanning every call to group them).
 */
function orderSummaries(keys: string): string {
  return `
  SELECT k.awb,
    SUM(${counts('c')}),
    MAX(CASE WHEN ${counts('c')} THEN c.successful ELSE 0 END),
    (SELECT COALESCE(x.intent, 'the customer') FROM call_orders xo JOIN calls x ON x.id = xo.call_id
      WHERE xo.awb = k.awb AND x.closes_order = 1 AND ${counts('x')} ORDER BY x.id DESC LIMIT 1),
    MAX(CASE WHEN ${counts('c')} THEN c.no_call_before END),
    (SELECT x.id FROM call_orders xo JOIN calls x ON x.id = xo.call_id
      WHERE xo.awb = k.awb ORDER BY x.started_at DESC, x.id DESC LIMIT 1)
  FROM (${keys}) k CROSS JOIN call_orders co ON co.awb = k.awb JOIN calls c ON c.id = co.call_id
  GROUP BY k.awb`;
}

/** The summary rows of the numbers `keys` yields (a SELECT of a `phone_e164` column), from their calls. */
function phoneSummaries(keys: string): string {
  return `
  SELECT k.phone_e164,
    MAX(c.session_started_at),
    (SELECT x.callback_at FROM calls x WHERE x.phone_e164 = k.phone_e164 AND ${counts('x')}
      ORDER BY x.session_started_at DESC, x.id DESC LIMIT 1),
    SUM(c.state != 'ended'),
    MAX(c.bad_number)
  FROM (${keys}) k CROSS JOIN calls c ON c.phone_e164 = k.phone_e164
  WHERE ${counts('c')}
  GROUP BY k.phone_e164`;
}

function refreshOrders(keys: string): string {
  return `
  DELETE FROM order_call_summary WHERE awb IN (${keys});
  INSERT INTO order_call_summary ${orderSummaries(keys)};`;
}

function refreshPhone(phone: string): string {
  const keys = `SELECT ${phone} AS phone_e164`;
  return `
  DELETE FROM phone_call_summary WHERE phone_e164 = ${phone};
  INSERT INTO phone_call_summary ${phoneSummaries(keys)};`;
}

/** The changes of a call that can change a summary (progress updates — ringing, in progress — cannot). */
const SUMMARY_CHANGED = [
  'phone_e164',
  'session_started_at',
  'started_at',
  'outcome',
  'successful',
  'intent',
  'closes_order',
  'no_call_before',
  'callback_at',
  'bad_number',
]
  .map((column) => `OLD.${column} IS NOT NEW.${column}`)
  .concat(`(OLD.state = 'ended') IS NOT (NEW.state = 'ended')`)
  .join(' OR ');

const awbsOfCall = (call: string) => `SELECT awb FROM call_orders WHERE call_id = ${call}`;

export const up = `
CREATE TABLE order_call_summary (
  awb             TEXT PRIMARY KEY,
  attempts        INTEGER NOT NULL,
  successful      INTEGER NOT NULL,
  closed_by       TEXT,
  no_call_before  INTEGER,
  last_call_id    INTEGER
) WITHOUT ROWID;

CREATE TABLE phone_call_summary (
  phone_e164       TEXT PRIMARY KEY,
  last_session_at  INTEGER NOT NULL,
  callback_at      INTEGER,
  unresolved       INTEGER NOT NULL,
  bad_number       INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO order_call_summary ${orderSummaries('SELECT DISTINCT awb FROM call_orders')};
INSERT INTO phone_call_summary ${phoneSummaries('SELECT DISTINCT phone_e164 FROM calls')};

CREATE TRIGGER call_summaries_after_call_insert AFTER INSERT ON calls BEGIN
  ${refreshPhone('NEW.phone_e164')}
END;

CREATE TRIGGER call_summaries_after_call_update AFTER UPDATE ON calls WHEN ${SUMMARY_CHANGED} BEGIN
  ${refreshPhone('NEW.phone_e164')}
  ${refreshPhone('OLD.phone_e164')}
  ${refreshOrders(awbsOfCall('NEW.id'))}
END;

CREATE TRIGGER call_summaries_after_call_delete AFTER DELETE ON calls BEGIN
  ${refreshPhone('OLD.phone_e164')}
  ${refreshOrders(awbsOfCall('OLD.id'))}
END;

CREATE TRIGGER call_summaries_after_call_order_insert AFTER INSERT ON call_orders BEGIN
  ${refreshOrders('SELECT NEW.awb AS awb')}
END;

CREATE TRIGGER call_summaries_after_call_order_update AFTER UPDATE ON call_orders BEGIN
  ${refreshOrders('SELECT NEW.awb AS awb UNION SELECT OLD.awb')}
END;

CREATE TRIGGER call_summaries_after_call_order_delete AFTER DELETE ON call_orders BEGIN
  ${refreshOrders('SELECT OLD.awb AS awb')}
END;

CREATE INDEX orders_callable ON orders (first_seen_at, awb, type, phone_e164, phone_problem)
  WHERE type IN ('OFD', 'Undelivered');
CREATE INDEX orders_by_type ON orders (type);
CREATE INDEX calls_by_callback ON calls (callback_at) WHERE callback_at IS NOT NULL;
`;
