/**
 * The desk's settings and their defaults. Every calling rule reads its numbers from here.
 */

export interface WorkingHours {
  /** "HH:MM", local to the desk's time zone. */
  start: string;
  end: string;
}

export interface CallingSettings {
  /** IANA time zone the slots and working hours are in. */
  timezone: string;
  /** Scheduled session times, "HH:MM" local. */
  slots: string[];
  cooldownMinutes: number;
  maxAttempts: number;
  workingHours: WorkingHours;
  /**
   * Calls a session keeps in flight when VAPI does not say how many lines the account has. When it does
   * (`subscriptionLimits` on every create), the account's limit is used instead: see engine/session-run.ts.
   */
  concurrency: number;
  /** Default region for phone numbers written without a country code (ISO 3166 alpha-2). */
  phoneRegion: string;
}

export const DEFAULT_CALLING_SETTINGS: CallingSettings = {
  timezone: 'Asia/Kolkata',
  slots: ['10:00', '11:00', '12:00', '13:00'],
  cooldownMinutes: 120,
  maxAttempts: 3,
  workingHours: { start: '10:00', end: '17:00' },
  concurrency: 10,
  phoneRegion: 'IN',
};
