// Every node and credential class of the package; n8n itself loads them from the `n8n` block of package.json.
export { HologramApi } from './credentials/HologramApi.credentials';
export { Hologram } from './nodes/Hologram/Hologram.node';
