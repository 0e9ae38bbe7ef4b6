// The config loaders both faces reach through the command layer: regsync's for `sync`, regbot's for `prune`.
// The CLI imports this module dynamically, so a command that reads no config never loads YAML, templates or Lua.
export { loadSyncConfig } from '../sync/config/load.js';
export { loadBotConfig } from '../prune/config/load.js';
