/**
 * `GET /call`'s filters as VAPI documents them (OpenAPI `paths./call.get.parameters`): `id`, `assistantId`,
 * `phoneNumberId`, `createdAt{Gt,Lt,Ge,Le}`, `updatedAt{Gt,Lt,Ge,Le}` and `limit` (default 100, at most 1000).
 * A bad value gets VAPI's 400 wording instead of being ignored, so a client bug shows in tests.
 */

const ID_FILTERS = ['id', 'assistantId', 'phoneNumberId'] as const;
const TIME_FILTERS = {
  createdAtGt: ['createdAt', (value: number, bound: number) => value > bound],
  createdAtLt: ['createdAt', (value: number, bound: number) => value < bound],
  createdAtGe: ['createdAt', (value: number, bound: number) => value >= bound],
  createdAtLe: ['createdAt', (value: number, bound: number) => value <= bound],
  updatedAtGt: ['updatedAt', (value: number, bound: number) => value > bound],
  updatedAtLt: ['updatedAt', (value: number, bound: number) => value < bound],
  updatedAtGe: ['updatedAt', (value: number, bound: number) => value >= bound],
  updatedAtLe: ['updatedAt', (value: number, bound: number) => value <= bound],
} as const;

export interface ListFilter {
  limit: number;
  /** Whether a rendered call (VAPI's Call JSON) passes every filter given. */
  matches(call: Record<string, unknown>): boolean;
  /** No call last updated before this instant passes (`updatedAtGe` / `updatedAtGt`), or null. */
  updatedSince: number | null;
  /** No call created before this instant passes (`createdAtGe` / `createdAtGt`), or null. */
  createdSince: number | null;
}

/** Reads the query string; returns VAPI's complaint when a value is unusable. */
export function parseListFilter(query: URLSearchParams): ListFilter | string {
  const limitText = query.get('limit');
  const limit = limitText === null ? 100 : Number(limitText);
  if (!Number.isFinite(limit) || limit < 0 || limit > 1000) {
    return 'limit must not be greater than 1000 and not less than 0';
  }
  const checks: ((call: Record<string, unknown>) => boolean)[] = [];
  let updatedSince: number | null = null;
  let createdSince: number | null = null;
  for (const name of ID_FILTERS) {
    const wanted = query.get(name);
    if (wanted !== null) checks.push((call) => call[name] === wanted);
  }
  for (const [name, [field, compare]] of Object.entries(TIME_FILTERS)) {
    const text = query.get(name);
    if (text === null) continue;
    const bound = Date.parse(text);
    if (Number.isNaN(bound)) return `${name} must be a valid ISO 8601 date string`;
    if (name === 'updatedAtGe' || name === 'updatedAtGt')
      updatedSince = Math.max(updatedSince ?? bound, bound);
    if (name === 'createdAtGe' || name === 'createdAtGt')
      createdSince = Math.max(createdSince ?? bound, bound);
    checks.push((call) => {
      const value = Date.parse(String(call[field]));
      return !Number.isNaN(value) && compare(value, bound);
    });
  }
  return { limit, updatedSince, createdSince, matches: (call) => checks.every((check) => check(call)) };
}
