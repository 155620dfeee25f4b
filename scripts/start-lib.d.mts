// Types for scripts/start-lib.mjs (used by its unit tests).
export interface NodeVersion {
  major: number;
  minor: number;
}
export const CONSOLE_NODE: NodeVersion;
export const DESKTOP_NODE: NodeVersion;
export const RENDERER_SOURCES: string[];
export const RENDERER_BUILD_ARGS: string[];
export type StartMode = 'auto' | 'console' | 'desktop' | 'help';
export function parseStartArgs(argv: string[]): { mode: StartMode; hostArgs: string[]; usage: string };
export function nodeAtLeast(version: string, wanted: NodeVersion): boolean;
export function versionText(wanted: NodeVersion): string;
export function hasDisplay(platform: string, env: Record<string, string | undefined>): boolean;
export function electronPlatformPath(platform: string): string;
export type BinaryState = { installed: true; executable: string } | { installed: false; why: string };
export function electronBinaryState(context: {
  electronDir: string;
  version: string;
  platform: string;
  env: Record<string, string | undefined>;
  files: { read(file: string): string | null; exists(file: string): boolean };
}): BinaryState;
export function desktopBlocker(context: {
  nodeVersion: string;
  platform: string;
  env: Record<string, string | undefined>;
  binary: BinaryState;
  insist?: boolean;
}): string | null;
export function rendererIsStale(builtAt: number | null, sourceTimes: number[]): boolean;
export function oneLine(output: string, max?: number): string;
export function fallbackLine(reason: string): string;
