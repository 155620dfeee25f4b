/**
 * What the desk says when a setting is refused, in the desk's own words rather than the validator's ("Too
 * big: expected number to be <=100"). One sentence per field of the settings update, naming the field the way
 * the Settings view labels it and saying what would be accepted. Used by the contract's validation, so the
 * Electron shell, the headless host and the console all say the same thing; the bounds are checked against
 * the schema by tests/unit/field-messages.test.ts.
 */

export const SETTINGS_FIELD_MESSAGES: Readonly<Record<string, string>> = {
  'calling.timezone': 'Time zone must be a name like Asia/Kolkata',
  'calling.slots': 'Session slots must be times of day as HH:MM, e.g. 10:00, 13:30 (at most 24 of them)',
  'calling.cooldownMinutes': 'Cooldown must be a whole number of minutes between 0 and 1440',
  'calling.maxAttempts': 'Max attempts must be a whole number between 1 and 20',
  'calling.workingHours': 'Working hours must be times of day as HH:MM, e.g. 10:00 and 17:00',
  'calling.concurrency': 'Calls at once must be a whole number between 1 and 100',
  'calling.phoneRegion': 'Phone region must be a two-letter country code, e.g. IN',
  'vapi.apiKey': 'The API key is too long: at most 500 characters',
  'vapi.assistantId': 'The assistant id is too long: at most 200 characters',
  'vapi.phoneNumberId': 'The phone number id is too long: at most 200 characters',
  'vapi.baseUrl': 'The VAPI address must be a full address, e.g. https://api.vapi.ai',
  'orderSource.kind': 'The order source must be None, iThink Logistics or Generic JSON API',
  'orderSource.baseUrl': 'The base URL is too long: at most 500 characters',
  'orderSource.credentials': 'The credentials are too long: at most 5000 characters',
  'orderSource.syncBeforeSessions': 'Sync before every session must be on or off',
  'shell.keepRunningInTray': 'Keep running in the tray must be on or off',
  'shell.launchAtLogin': 'Launch at login must be on or off',
  'shell.catchUpGraceMinutes': 'The catch-up grace must be a whole number of minutes between 0 and 240',
  'backups.keep': 'Backups kept must be a whole number between 1 and 90',
  'answers.autoWriteback': 'Send actions to the courier automatically must be on or off',
  'answers.keepCallsDays': 'Call history must be kept a whole number of days between 7 and 3650',
  'answers.usdToInr': 'Rupees per dollar must be a number above 0 and at most 1000',
};

/**
 * The desk's words for a refused settings field, found by the field's path or the nearest path above it
 * ("calling.slots.2" → the slots' sentence, "calling.workingHours.end" → the working hours'); undefined for a
 * path the map does not know.
 */
export function settingsFieldMessage(path: string | undefined): string | undefined {
  let key = path;
  while (key) {
    const message = SETTINGS_FIELD_MESSAGES[key];
    if (message !== undefined) return message;
    const dot = key.lastIndexOf('.');
    key = dot > 0 ? key.slice(0, dot) : undefined;
  }
  return undefined;
}
