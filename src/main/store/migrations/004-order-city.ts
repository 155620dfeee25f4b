/** Migration 4: the order's city, as the CSV's City column or the order source gives it ('' when unknown). */
export const up = `
ALTER TABLE orders ADD COLUMN city TEXT NOT NULL DEFAULT '';
`;
