/**
 * The desk's VAPI methods: Check VAPI (the key, the assistant, the phone number, the account's concurrency;
 * kept with what was checked, see vapi-check.ts) and "Create the assistant" (the shipped assistant, POST
 * /assistant, its id saved as the desk's assistant id).
 */
import { DeskArgumentError, type DeskApi } from '../../shared/contract';
import type { SettingsView, VapiCheckView } from '../../shared/desk-types';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { isVapiError } from '../vapi';
import type { DeskSettings } from './desk-settings';
import { SHIPPED_ASSISTANT, type ProviderChoice } from './provider-choice';
import { checkSignature, runVapiCheck, type VapiCheckBook } from './vapi-check';

export interface VapiHandlerDeps {
  settings: DeskSettings;
  providers: ProviderChoice;
  checks: VapiCheckBook;
  clock: Clock;
  logger: Logger;
  /** The settings as the console shows them (with the check in force). */
  settingsView: () => SettingsView;
  /** The status (live or live — incomplete) and the settings view change. */
  changed: () => void;
}

export function vapiHandlers(deps: VapiHandlerDeps): Pick<DeskApi, 'checkVapi' | 'createAssistant'> {
  const { settings, providers, checks, clock } = deps;
  const log = (level: 'info' | 'warn', message: string) =>
    deps.logger.log({ at: clock.now(), level, message });

  async function checkVapi(): Promise<VapiCheckView> {
    const client = providers.liveClient();
    const key = settings.vapiKey();
    if (typeof client === 'string' || key === null) {
      throw new DeskArgumentError(
        typeof client === 'string' ? client : 'Enter the VAPI key first',
        'vapi.apiKey',
      );
    }
    const vapi = settings.vapi();
    // The signature is taken before asking: a save made while VAPI answers voids this check, as it should.
    const signature = checkSignature(key, vapi);
    const calling = settings.calling();
    const view = await runVapiCheck({
      client,
      vapi,
      keyHint: `…${key.slice(-4)}`,
      concurrency: calling.concurrency,
      limits: checks.limitsSeen(),
      now: clock.now(),
      timezone: calling.timezone,
    });
    checks.save(signature, view);
    const failed = view.items.filter((item) => item.ok === false).map((item) => item.detail);
    log(
      view.ok ? 'info' : 'warn',
      view.ok ? 'Check VAPI passed: live calls may start' : `Check VAPI failed: ${failed.join('; ')}`,
    );
    deps.changed();
    return view;
  }

  return {
    checkVapi,
    createAssistant: async () => {
      const client = providers.liveClient();
      if (typeof client === 'string') throw new DeskArgumentError(client, 'vapi.apiKey');
      let created;
      try {
        created = await client.createAssistant(SHIPPED_ASSISTANT);
      } catch (error) {
        const words = isVapiError(error) ? `${error.message} (${error.detail})` : String(error);
        throw new Error(`VAPI did not create the assistant: ${words}`, { cause: error });
      }
      settings.save({ vapi: { assistantId: created.id } });
      const name = created.name ?? String(SHIPPED_ASSISTANT.name ?? 'Assistant');
      log('info', `Created the assistant "${name}" in VAPI (${created.id}); it is now the assistant id`);
      deps.changed();
      return { assistantId: created.id, name, settings: deps.settingsView() };
    },
  };
}
