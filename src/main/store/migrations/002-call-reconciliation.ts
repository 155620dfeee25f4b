/**
 * Migration 2: what the reconciler needs to settle a call whose fate is unknown ("may have rung"): which
 * provider placed it (the live API or the in-app sandbox), when VAPI's silence about it becomes an answer,
 * and when to ask again. Rows from before keep a NULL provider: they were placed by whichever was current.
 */
export const up = `
ALTER TABLE calls ADD COLUMN provider TEXT;
ALTER TABLE calls ADD COLUMN settle_at INTEGER;
ALTER TABLE calls ADD COLUMN check_after INTEGER;
ALTER TABLE calls ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calls_open ON calls (state, check_after) WHERE state != 'ended';
`;
