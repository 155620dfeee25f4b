/**
 * The desk's settings methods: read them (secrets only as "set", with VAPI's last check) and save a change,
 * telling the parts that depend on it: the scheduler re-arms its slots, the courier write-back re-reads its
 * setting, and the console refetches.
 */
import type { DeskApi } from '../../shared/contract';
import type { SettingsView } from '../../shared/desk-types';
import type { Clock } from '../clock';
import type { Scheduler } from '../engine/scheduler';
import type { Logger } from '../log';
import type { CourierWriteback } from './courier-writeback';
import type { DeskSettings } from './desk-settings';

export interface SettingsHandlerDeps {
  settings: Pick<DeskSettings, 'save'>;
  /** The settings as the console shows them, with VAPI's last check. */
  settingsView: () => SettingsView;
  scheduler: Pick<Scheduler, 'rearm'>;
  writeback: Pick<CourierWriteback, 'settingsSaved'>;
  clock: Clock;
  logger: Logger;
  settingsChanged: () => void;
  changed: () => void;
}

export function settingsHandlers(deps: SettingsHandlerDeps): Pick<DeskApi, 'settings' | 'saveSettings'> {
  return {
    settings: async () => deps.settingsView(),
    saveSettings: async (update) => {
      deps.settings.save(update);
      const view = deps.settingsView();
      if (update.calling) deps.scheduler.rearm();
      if (update.answers) deps.writeback.settingsSaved();
      deps.logger.log({
        at: deps.clock.now(),
        level: 'info',
        message: `Settings saved (${Object.keys(update).join(', ')})`,
      });
      deps.settingsChanged();
      deps.changed();
      return view;
    },
  };
}
