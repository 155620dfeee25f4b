/** Secrets' public face: the store interface, its implementations, and the origin each secret is bound to. */
export type { SecretStore } from './secret-store';
export { MemorySecretStore } from './memory-secret-store';
export { EncryptedFileSecretStore, type SecretKey, type KeySource } from './encrypted-file-secret-store';
export {
  openHostSecretStore,
  SecretKeyUnavailableError,
  HOST_SECRETS_FILE,
  HOST_KEY_FILE,
  PLAIN_SECRETS_FILE,
  type HostSecretsOptions,
} from './host-secrets';
export {
  decodeBoundSecret,
  encodeBoundSecret,
  normalisedAddress,
  originOf,
  redactableValues,
  secretOriginRefusal,
  SecretOriginError,
  type BoundSecret,
} from './bound-secret';
