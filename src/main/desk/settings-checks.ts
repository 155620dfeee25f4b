/**
 * The checks a settings save must pass beyond the contract's schema, each failure naming its field: a real
 * time zone, working hours that start before they end, slots inside them, VAPI's address on https (plain
 * http only on this machine), an order-source address that is a web address, credentials that are JSON.
 */
import { DeskArgumentError, type SettingsUpdate } from '../../shared/contract';
import { isValidTimezone, parseHhMm } from '../domain/local-time';
import type { CallingSettings } from '../domain/settings';
import { originOf } from '../secrets';

export function checkVapiAddress(baseUrl: string): void {
  const origin = originOf(baseUrl);
  const local = origin !== null && /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(origin);
  if (origin === null || (!origin.startsWith('https://') && !local)) {
    throw new DeskArgumentError(
      'vapi.baseUrl: must be an https:// address (plain http only on this machine), e.g. https://api.vapi.ai',
      'vapi.baseUrl',
    );
  }
}

export function checkOrderSource(update: NonNullable<SettingsUpdate['orderSource']>): void {
  const { baseUrl, credentials } = update;
  if (baseUrl !== undefined && baseUrl.trim() !== '' && originOf(baseUrl) === null) {
    throw new DeskArgumentError(
      'orderSource.baseUrl: must be an http(s) address, e.g. https://orders.example.com/api/orders',
      'orderSource.baseUrl',
    );
  }
  if (credentials !== undefined && credentials.trim() !== '')
    checkJson(credentials, 'orderSource.credentials');
}

function checkJson(text: string, field: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new DeskArgumentError(`${field}: must be JSON, e.g. {"accessToken":"…","secretKey":"…"}`, field);
  }
}

export function checkCalling(calling: CallingSettings): void {
  if (!isValidTimezone(calling.timezone)) {
    throw new DeskArgumentError(
      `calling.timezone: "${calling.timezone}" is not a time zone (e.g. Asia/Kolkata)`,
      'calling.timezone',
    );
  }
  const start = parseHhMm(calling.workingHours.start)!;
  const end = parseHhMm(calling.workingHours.end)!;
  if (start >= end) {
    throw new DeskArgumentError(
      'calling.workingHours: working hours must start before they end',
      'calling.workingHours',
    );
  }
  if (new Set(calling.slots).size !== calling.slots.length) {
    throw new DeskArgumentError('calling.slots: a slot is listed twice', 'calling.slots');
  }
  const outside = calling.slots.find((slot) => {
    const minutes = parseHhMm(slot)!;
    return minutes < start || minutes >= end;
  });
  if (outside) {
    throw new DeskArgumentError(
      `calling.slots: ${outside} is outside working hours (${calling.workingHours.start}–${calling.workingHours.end})`,
      'calling.slots',
    );
  }
  calling.slots = [...calling.slots].sort();
}
