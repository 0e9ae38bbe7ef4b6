// regbot's config loader as the faces reach it through the command layer. The CLI imports it dynamically: its scripts
// bring the Lua engine, the largest part of the bundle, which only `prune` needs.
export { loadBotConfig } from '../prune/config/load.js';
