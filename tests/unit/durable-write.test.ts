/**
 * durableWriteEach: a batch in one transaction where one item that cannot be written fails alone, and a lock
 * (SQLITE_BUSY) rolls the whole batch back and writes it again once the lock passes.
 */
import { describe, expect, it } from 'vitest';
import { durableWriteEach } from '../../src/main/engine/durable-write';
import type { Clock } from '../../src/main/clock';

function busy(): Error {
  return Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
}

/** A store whose transaction commits what its work wrote only when the work returns. */
function fakeStore() {
  const committed: string[] = [];
  let pending: string[] = [];
  let transactions = 0;
  return {
    committed,
    transactions: () => transactions,
    write: (row: string) => pending.push(row),
    transaction<R>(work: () => R): R {
      transactions += 1;
      pending = [];
      const result = work();
      committed.push(...pending);
      return result;
    },
  };
}

const clock: Clock = {
  now: () => 0,
  sleep: () => Promise.resolve(),
} as unknown as Clock;
const logger = { log: () => undefined } as never;

describe('durableWriteEach', () => {
  it('writes every item in one transaction; an item that fails fails alone', async () => {
    const store = fakeStore();
    const written = await durableWriteEach({ clock, logger, store }, 'rows', ['a', 'bad', 'c'], (item) => {
      if (item === 'bad') throw new Error('CHECK constraint failed');
      store.write(item);
      return item.toUpperCase();
    });
    expect(written).toEqual([
      { value: 'A' },
      { error: expect.objectContaining({ message: 'CHECK constraint failed' }) },
      { value: 'C' },
    ]);
    expect(store.transactions()).toBe(1);
    expect(store.committed).toEqual(['a', 'c']);
  });

  it('a lock on one item writes the whole batch again, once, when it passes', async () => {
    const store = fakeStore();
    let locks = 1;
    const written = await durableWriteEach({ clock, logger, store }, 'rows', ['a', 'b'], (item) => {
      if (item === 'b' && locks > 0) {
        locks -= 1;
        throw busy();
      }
      store.write(item);
      return item;
    });
    expect(written).toEqual([{ value: 'a' }, { value: 'b' }]);
    expect(store.transactions()).toBe(2);
    expect(store.committed).toEqual(['a', 'b']);
  });
});
