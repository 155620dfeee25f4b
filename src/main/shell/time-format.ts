/**
 * Times of day as the operator reads them in the shell's tray and notifications: the desk's time zone,
 * 24-hour HH:MM (the same form as the slots in Settings).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatClock(at: number, timezone: string): string {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter.format(at);
}
