/** The headless host's public face: start one around a desk (the CLI and the tests do). */
export { startHost, newToken, CLOSE_UNAUTHORISED, type Host, type HostOptions } from './server';
export { DEFAULT_HOST_LIMITS, type HostLimits } from './limits';
