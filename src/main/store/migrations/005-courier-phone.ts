/**
 * Migration 5: the phone number the operator gave for an action's write-back to the courier (a wrong number
 * or a number VAPI could not dial is sent as a reattempt with the right one). Kept with the action so a
 * write-back waiting to be retried, across restarts too, is sent with the same number.
 */
export const up = `
ALTER TABLE actions ADD COLUMN writeback_phone TEXT;
`;
