/**
 * The settings form's model: the text the operator typed for each field, how it is read back into a
 * settings update (only the fields that changed), and which input an error's field path belongs to.
 */
import type { SettingsUpdate } from '../../../shared/contract';
import type { SettingsView } from '../../../shared/desk-types';

export interface SettingsDraft {
  apiKey: string;
  assistantId: string;
  phoneNumberId: string;
  slots: string;
  cooldownMinutes: string;
  maxAttempts: string;
  workingStart: string;
  workingEnd: string;
  timezone: string;
  concurrency: string;
  phoneRegion: string;
  sourceKind: SettingsView['orderSource']['kind'];
  sourceBaseUrl: string;
  sourceCredentials: string;
  syncBeforeSessions: boolean;
  backupsKeep: string;
  keepCallsDays: string;
  usdToInr: string;
}

export type DraftField = keyof SettingsDraft;

export function draftFrom(view: SettingsView): SettingsDraft {
  return {
    apiKey: '',
    assistantId: view.vapi.assistantId,
    phoneNumberId: view.vapi.phoneNumberId,
    slots: view.calling.slots.join(', '),
    cooldownMinutes: String(view.calling.cooldownMinutes),
    maxAttempts: String(view.calling.maxAttempts),
    workingStart: view.calling.workingHours.start,
    workingEnd: view.calling.workingHours.end,
    timezone: view.calling.timezone,
    concurrency: String(view.calling.concurrency),
    phoneRegion: view.calling.phoneRegion,
    sourceKind: view.orderSource.kind,
    sourceBaseUrl: view.orderSource.baseUrl,
    sourceCredentials: '',
    syncBeforeSessions: view.orderSource.syncBeforeSessions,
    backupsKeep: String(view.backups.keep),
    keepCallsDays: String(view.answers.keepCallsDays),
    usdToInr: String(view.answers.usdToInr),
  };
}

/** A number when the text is one; otherwise the text, so the desk's validation names the field. */
function numberOrText(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return (trimmed !== '' && Number.isFinite(value) ? value : trimmed) as number;
}

/** Only what differs from the saved settings; the write-only secrets only when something was typed. */
export function updateFrom(draft: SettingsDraft, saved: SettingsView): SettingsUpdate {
  const base = draftFrom(saved);
  const calling: NonNullable<SettingsUpdate['calling']> = {};
  const vapi: NonNullable<SettingsUpdate['vapi']> = {};
  const orderSource: NonNullable<SettingsUpdate['orderSource']> = {};
  if (draft.apiKey.trim()) vapi.apiKey = draft.apiKey.trim();
  if (draft.assistantId !== base.assistantId) vapi.assistantId = draft.assistantId.trim();
  if (draft.phoneNumberId !== base.phoneNumberId) vapi.phoneNumberId = draft.phoneNumberId.trim();
  if (draft.slots !== base.slots) {
    calling.slots = draft.slots
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (/^\d:\d\d$/.test(s) ? `0${s}` : s));
  }
  if (draft.cooldownMinutes !== base.cooldownMinutes)
    calling.cooldownMinutes = numberOrText(draft.cooldownMinutes);
  if (draft.maxAttempts !== base.maxAttempts) calling.maxAttempts = numberOrText(draft.maxAttempts);
  if (draft.workingStart !== base.workingStart || draft.workingEnd !== base.workingEnd) {
    calling.workingHours = { start: draft.workingStart.trim(), end: draft.workingEnd.trim() };
  }
  if (draft.timezone !== base.timezone) calling.timezone = draft.timezone.trim();
  if (draft.concurrency !== base.concurrency) calling.concurrency = numberOrText(draft.concurrency);
  if (draft.phoneRegion !== base.phoneRegion) calling.phoneRegion = draft.phoneRegion.trim().toUpperCase();
  if (draft.sourceKind !== base.sourceKind) orderSource.kind = draft.sourceKind;
  if (draft.sourceBaseUrl !== base.sourceBaseUrl) orderSource.baseUrl = draft.sourceBaseUrl.trim();
  if (draft.sourceCredentials.trim()) orderSource.credentials = draft.sourceCredentials.trim();
  if (draft.syncBeforeSessions !== base.syncBeforeSessions)
    orderSource.syncBeforeSessions = draft.syncBeforeSessions;
  const update: SettingsUpdate = {};
  if (draft.backupsKeep !== base.backupsKeep) update.backups = { keep: numberOrText(draft.backupsKeep) };
  const answers: NonNullable<SettingsUpdate['answers']> = {};
  if (draft.keepCallsDays !== base.keepCallsDays) answers.keepCallsDays = numberOrText(draft.keepCallsDays);
  if (draft.usdToInr !== base.usdToInr) answers.usdToInr = numberOrText(draft.usdToInr);
  if (Object.keys(answers).length > 0) update.answers = answers;
  if (Object.keys(calling).length > 0) update.calling = calling;
  if (Object.keys(vapi).length > 0) update.vapi = vapi;
  if (Object.keys(orderSource).length > 0) update.orderSource = orderSource;
  return update;
}

const FIELD_OF_PATH: [string, DraftField][] = [
  ['vapi.apiKey', 'apiKey'],
  ['vapi.assistantId', 'assistantId'],
  ['vapi.phoneNumberId', 'phoneNumberId'],
  ['calling.slots', 'slots'],
  ['calling.cooldownMinutes', 'cooldownMinutes'],
  ['calling.maxAttempts', 'maxAttempts'],
  ['calling.workingHours.end', 'workingEnd'],
  ['calling.workingHours', 'workingStart'],
  ['calling.timezone', 'timezone'],
  ['calling.concurrency', 'concurrency'],
  ['calling.phoneRegion', 'phoneRegion'],
  ['orderSource.kind', 'sourceKind'],
  ['orderSource.baseUrl', 'sourceBaseUrl'],
  ['orderSource.credentials', 'sourceCredentials'],
  ['orderSource.syncBeforeSessions', 'syncBeforeSessions'],
  ['backups.keep', 'backupsKeep'],
  ['answers.keepCallsDays', 'keepCallsDays'],
  ['answers.usdToInr', 'usdToInr'],
];

/** The input an error's field path ("calling.slots.2", "calling.workingHours.end") points at. */
export function draftFieldOf(path: string | undefined): DraftField | null {
  if (!path) return null;
  return FIELD_OF_PATH.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1] ?? null;
}
