/**
 * Where credentials (the VAPI private key, order-source credentials) live. The Electron shell stores them
 * encrypted with safeStorage; the headless host encrypts them with AES-256-GCM under a key kept in the OS
 * keyring or a key file (host-secrets.ts). Never sent to the renderer and never logged. Each value is stored
 * with the origins it was saved for (bound-secret.ts).
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
  /** Every stored secret and every string inside a JSON secret, for log redaction. */
  knownValues?(): string[];
}
