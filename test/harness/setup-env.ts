// n8n-core writes its config under N8N_USER_FOLDER when first loaded: keep it out of the user's home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-telco-iot-test-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
