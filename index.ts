// Every node and credential class of the package; n8n itself loads them from the `n8n` block of package.json.
export { HologramApi } from './credentials/HologramApi.credentials';
export { Hologram } from './nodes/Hologram/Hologram.node';
export { HoiioApi } from './credentials/HoiioApi.credentials';
export { Hoiio } from './nodes/Hoiio/Hoiio.node';
export { HoiioTrigger } from './nodes/Hoiio/HoiioTrigger.node';
export { SyniverseScgApi } from './credentials/SyniverseScgApi.credentials';
export { SyniverseScg } from './nodes/SyniverseScg/SyniverseScg.node';
export { SyniverseScgTrigger } from './nodes/SyniverseScg/SyniverseScgTrigger.node';
export { VumiGoApi } from './credentials/VumiGoApi.credentials';
export { VumiGo } from './nodes/VumiGo/VumiGo.node';
export { VumiGoTrigger } from './nodes/VumiGo/VumiGoTrigger.node';
export { SmartLivingApi } from './credentials/SmartLivingApi.credentials';
export { SmartLiving } from './nodes/SmartLiving/SmartLiving.node';
export { SmartLivingPollTrigger } from './nodes/SmartLiving/SmartLivingPollTrigger.node';
