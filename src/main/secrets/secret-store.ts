/**
 * Where credentials (the VAPI private key, order-source credentials) live. The Electron shell stores them
 * encrypted with safeStorage; headless runs use a file readable only by the user. Never sent to the renderer
 * and never logged.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
}
