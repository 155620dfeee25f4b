/**
 * The paged lists' contract: every tab the Orders and Queue views offer names a reason the policy knows, and
 * every reason has its tab; cursors come back only to the list that made them; a search is read as a phone
 * only when it is written like one.
 */
import { describe, expect, it } from 'vitest';
import {
  DeskArgumentError,
  ORDER_TABS,
  parseDeskArgs,
  QUEUE_EXCLUDED_ORDER,
  QUEUE_TABS,
} from '../../src/shared/contract';
import { SKIP_REASONS } from '../../src/main/domain/policy';
import { decodeCursor, encodeCursor } from '../../src/main/desk/view-pages/cursor';
import { searchParams } from '../../src/main/desk/view-pages/search';

describe('tabs', () => {
  it('every reason an order is held back has an Orders tab, and every reason but a cooldown a Queue group', () => {
    expect([...ORDER_TABS].sort()).toEqual(['all', 'queued', ...SKIP_REASONS].sort());
    expect([...QUEUE_EXCLUDED_ORDER].sort()).toEqual(SKIP_REASONS.filter((r) => r !== 'cooldown').sort());
    expect(QUEUE_TABS).toEqual(['calls', 'cooling', 'excluded', ...QUEUE_EXCLUDED_ORDER]);
  });

  it('refuses a page larger than 200 rows, naming the field', () => {
    expect(() => parseDeskArgs('orders', { limit: 201 })).toThrow(/^limit: /);
    expect(parseDeskArgs('history', { limit: 200 })).toEqual({ limit: 200 });
  });
});

describe('cursors', () => {
  it('give back the key of the row they were made after', () => {
    const text = encodeCursor({ list: 'orders:all:oldest', key: [1_790_000_000_000, 'AWB1'] });
    expect(decodeCursor(text, 'orders:all:oldest', 2)).toEqual([1_790_000_000_000, 'AWB1']);
  });

  it.each([
    ['text that is not a cursor', 'hello', /not a page cursor/],
    ['a cursor of another list', encodeCursor({ list: 'history:newest', key: [5] }), /another list/],
    ['a key of the wrong length', encodeCursor({ list: 'orders:all:oldest', key: [5] }), /not a page cursor/],
    [
      'a key that is not numbers or text',
      Buffer.from('["orders:all:oldest",null,"A"]').toString('base64url'),
      /not a page cursor/,
    ],
  ])('refuse %s as the cursor field', (_, text, why) => {
    expect(() => decodeCursor(text, 'orders:all:oldest', 2)).toThrow(DeskArgumentError);
    expect(() => decodeCursor(text, 'orders:all:oldest', 2)).toThrow(why);
  });
});

describe('search', () => {
  it.each([
    ['98765 00001', '%9876500001%'],
    ['+91 98765-00001', '%919876500001%'],
    ['(0112) 3456', '%01123456%'],
    ['AWB1000999', null],
    ['987', null],
  ])('reads %j as a phone search for %j', (text, digits) => {
    expect(searchParams(text)?.digits).toBe(digits);
  });

  it('escapes LIKE wildcards and ignores an empty search', () => {
    expect(searchParams('50%_off')?.like).toBe('%50\\%\\_off%');
    expect(searchParams('   ')).toBeNull();
  });
});
