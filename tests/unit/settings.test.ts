/**
 * The defaults a new desk starts with: the calling rules as README states them, ten calls in flight and
 * Indian numbers.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLING_SETTINGS } from '../../src/main/domain/settings';

describe('default calling settings', () => {
  it('are four morning slots in India, 10:00–17:00, a 2-hour cooldown and 3 calls per order', () => {
    expect(DEFAULT_CALLING_SETTINGS).toEqual({
      timezone: 'Asia/Kolkata',
      slots: ['10:00', '11:00', '12:00', '13:00'],
      cooldownMinutes: 120,
      maxAttempts: 3,
      workingHours: { start: '10:00', end: '17:00' },
      concurrency: 10,
      phoneRegion: 'IN',
    });
  });
});
