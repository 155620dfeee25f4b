/** A secret store that forgets on exit: tests and the simulator. */
import { redactableValues } from './bound-secret';
import type { SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  get(name: string): string | null {
    return this.values.get(name) ?? null;
  }
  set(name: string, value: string | null): void {
    if (value === null || value === '') this.values.delete(name);
    else this.values.set(name, value);
  }
  knownValues(): string[] {
    return [...this.values.values()].flatMap(redactableValues);
  }
}
