/**
 * The one locale the console formats in: the operator's own (the browser's, or the desktop's through
 * Electron), else en-IN. Every date, time and count on screen goes through it, so 12- or 24-hour is decided
 * once and never mixed. Money is always rupees in Indian grouping, whatever the locale (see numbers.ts).
 */

export const DEFAULT_LOCALE = 'en-IN';

/** The first of the candidates that Intl understands; en-IN when there is none. */
export function resolveLocale(candidates: readonly (string | undefined)[] | undefined): string {
  for (const candidate of candidates ?? []) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) return canonical;
    } catch {
      // not a locale tag: try the next one
    }
  }
  return DEFAULT_LOCALE;
}

function operatorLocales(): readonly (string | undefined)[] | undefined {
  // Read without DOM types: these modules are also unit-tested under Node, where there may be no navigator.
  const navigator = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } })
    .navigator;
  return navigator ? [...(navigator.languages ?? []), navigator.language] : undefined;
}

export const CONSOLE_LOCALE: string = resolveLocale(operatorLocales());
