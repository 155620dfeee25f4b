/**
 * Migration 8: a count of the writes to `orders`, kept by triggers, so that whatever writes an order (an
 * import, a sync, a status change, a query typed by hand, another process) moves it in the same
 * transaction. The intake compares it with the count it saw at the end of its last import: unchanged, and
 * the same bytes read the same way, a re-import can change nothing and need not read the file again.
 */
export const up = `
CREATE TABLE order_generation (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  generation  INTEGER NOT NULL
);
INSERT INTO order_generation (id, generation) VALUES (1, 0);
CREATE TRIGGER order_generation_after_insert AFTER INSERT ON orders BEGIN
  UPDATE order_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER order_generation_after_update AFTER UPDATE ON orders BEGIN
  UPDATE order_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER order_generation_after_delete AFTER DELETE ON orders BEGIN
  UPDATE order_generation SET generation = generation + 1 WHERE id = 1;
END;
`;
