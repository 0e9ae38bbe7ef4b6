// regsync's config loader as the faces reach it through the command layer. The CLI imports it dynamically, so a
// command that reads no config never loads YAML or templates, and `sync` never loads regbot's Lua (prune-config.ts).
export { loadSyncConfig } from '../sync/config/load.js';
