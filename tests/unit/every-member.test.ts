/**
 * `everyMember` names every member of a union in a value list. Its real check is the type checker's
 * (`npm run typecheck` compiles this file): a list that leaves a member out does not compile.
 */
import { describe, expect, it } from 'vitest';
import { everyMember } from '../../src/main/domain/every-member';

type Light = 'red' | 'amber' | 'green';

describe('everyMember', () => {
  it('returns the list it is given, in its order', () => {
    expect(everyMember<Light>()(['green', 'amber', 'red'])).toEqual(['green', 'amber', 'red']);
  });

  it('refuses, at compile time, a list that leaves a member out', () => {
    // @ts-expect-error 'green' is missing from the list
    const partial = everyMember<Light>()(['red', 'amber']);
    expect(partial).toEqual(['red', 'amber']);
  });
});
