/**
 * How the browser tests and the console benchmark launch Debian's Chromium (never a downloaded one): quiet,
 * without the background work a first run of a fresh profile starts, which would otherwise land in timings.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
