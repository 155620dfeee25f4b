/**
 * Small decisions about the app's life: whether closing the window quits or hides to the tray, whether the
 * window starts hidden (a launch at login), and how a later launch is told apart.
 */

/** Passed by the login item so a desk started with the computer goes straight to the tray. */
export const START_HIDDEN_FLAG = '--hidden';

export function shouldStartHidden(argv: readonly string[]): boolean {
  return argv.includes(START_HIDDEN_FLAG);
}

export interface CloseContext {
  /** The operator chose Quit (tray, menu, or the OS is shutting down). */
  quitting: boolean;
  keepRunningInTray: boolean;
  /** A tray icon exists to bring the window back (some Linux desktops have no tray). */
  trayAvailable: boolean;
}

/** Closing the window hides it when the scheduler should keep running in the tray; otherwise the app quits. */
export function closeAction(context: CloseContext): 'hide' | 'quit' {
  if (context.quitting) return 'quit';
  return context.keepRunningInTray && context.trayAvailable ? 'hide' : 'quit';
}
