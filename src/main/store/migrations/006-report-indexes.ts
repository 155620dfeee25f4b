/**
 * Migration 6: what the daily report and call retention look actions up by. The report counts the actions
 * raised on one day (by created_at); removing an old call checks and removes the actions that point at it
 * (by call_id), which without an index would read every action once per call removed.
 */
export const up = `
CREATE INDEX actions_by_created ON actions (created_at);
CREATE INDEX actions_by_call ON actions (call_id);
`;
