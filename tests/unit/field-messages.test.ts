import { describe, expect, it } from 'vitest';
import { DeskArgumentError, parseDeskArgs, settingsUpdateSchema } from '../../src/shared/contract';
import { SETTINGS_FIELD_MESSAGES, settingsFieldMessage } from '../../src/shared/field-messages';

function refusal(update: unknown): DeskArgumentError {
  try {
    parseDeskArgs('saveSettings', update);
  } catch (error) {
    if (error instanceof DeskArgumentError) return error;
    throw error;
  }
  throw new Error('the update was accepted');
}

/** Every leaf field of the settings update, as the paths the validator reports ("calling.cooldownMinutes"). */
function settingsPaths(): string[] {
  const paths: string[] = [];
  for (const [group, schema] of Object.entries(settingsUpdateSchema.shape)) {
    const object = schema.unwrap();
    for (const field of Object.keys(object.shape)) paths.push(`${group}.${field}`);
  }
  return paths;
}

describe("a refused setting, in the desk's words", () => {
  it('says what a cooldown must be instead of "Too small: expected number to be >=0"', () => {
    const error = refusal({ calling: { cooldownMinutes: -5 } });
    expect(error.field).toBe('calling.cooldownMinutes');
    expect(error.message).toBe(
      'calling.cooldownMinutes: Cooldown must be a whole number of minutes between 0 and 1440',
    );
    expect(refusal({ calling: { cooldownMinutes: 12.5 } }).message).toContain('whole number of minutes');
  });

  it('finds the sentence of a list or a pair from the path of one of its items', () => {
    expect(refusal({ calling: { slots: ['10:00', '25:00'] } })).toMatchObject({
      field: 'calling.slots.1',
      message: expect.stringContaining('Session slots must be times of day as HH:MM'),
    });
    expect(refusal({ calling: { workingHours: { start: '10:00', end: '5pm' } } }).message).toContain(
      'Working hours must be times of day as HH:MM',
    );
    expect(settingsFieldMessage('calling')).toBeUndefined();
    expect(settingsFieldMessage(undefined)).toBeUndefined();
  });

  it('has a sentence for every field of the settings update', () => {
    const missing = settingsPaths().filter((path) => settingsFieldMessage(path) === undefined);
    expect(missing).toEqual([]);
    expect(Object.keys(SETTINGS_FIELD_MESSAGES).sort()).toEqual(settingsPaths().sort());
  });

  it("names the schema's own bounds, so the sentence and the rule cannot drift apart", () => {
    const cases: [string, number, number][] = [
      ['calling.cooldownMinutes', 0, 1440],
      ['calling.maxAttempts', 1, 20],
      ['calling.concurrency', 1, 100],
      ['shell.catchUpGraceMinutes', 0, 240],
    ];
    for (const [path, min, max] of cases) {
      const [group, field] = path.split('.') as [string, string];
      const accepts = (value: number) =>
        settingsUpdateSchema.safeParse({ [group]: { [field]: value } }).success;
      expect(accepts(min), `${path} accepts ${min}`).toBe(true);
      expect(accepts(max), `${path} accepts ${max}`).toBe(true);
      expect(accepts(min - 1), `${path} refuses ${min - 1}`).toBe(false);
      expect(accepts(max + 1), `${path} refuses ${max + 1}`).toBe(false);
      expect(SETTINGS_FIELD_MESSAGES[path]).toContain(`between ${min} and ${max}`);
    }
  });

  it('leaves the messages of other methods as the validator wrote them', () => {
    expect(() => parseDeskArgs('history', { limit: 0 })).toThrow(/^limit: /);
    expect(() => parseDeskArgs('history', { limit: 0 })).not.toThrow(/whole number of minutes/);
  });
});
