/**
 * changelog.json: the history as one documented JSON document (generator/history/FORMAT.md).
 */
import type { History } from './types.js';

export const CHANGELOG_FORMAT = 'qmp-codegen-changelog';
export const CHANGELOG_FORMAT_VERSION = 1;

export interface ChangelogJson extends History {
  format: typeof CHANGELOG_FORMAT;
  formatVersion: typeof CHANGELOG_FORMAT_VERSION;
}

export function changelogJson(history: History): ChangelogJson {
  return {
    format: CHANGELOG_FORMAT,
    formatVersion: CHANGELOG_FORMAT_VERSION,
    releases: history.releases,
    coverage: history.coverage,
    commands: history.commands,
    events: history.events,
    types: history.types,
    renames: history.renames,
  };
}
