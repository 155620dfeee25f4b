// Types for scripts/electron-native-lib.mjs (used by its unit tests).
export function isUpToDate(stamp: unknown, wanted: Record<string, string>): boolean;
export function addonMatchesAbi(bytes: Buffer, abi: string): boolean;
export function envForElectronBuild(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
