/**
 * The Syniverse SCG emulator with 100,000 contacts, in a process of its own so that its state does not
 * count in the memory benchmark's heap. Prints `{"url": ...}` once listening; stops when stdin closes.
 */
import type { SyniverseScgEmulator } from '../sandbox';
import { startSandbox } from '../sandbox';

const CONTACTS = Number(process.env.SCG_CONTACTS ?? 100_000);

async function main(): Promise<void> {
	const sandbox = await startSandbox({ providers: ['syniverseScg'] });
	const emulator = sandbox.emulators.syniverseScg as SyniverseScgEmulator;
	const at = Date.UTC(2024, 2, 1, 9, 0, 0);
	const contacts = emulator.state.contacts;
	contacts.length = 0;
	for (let index = 1; index <= CONTACTS; index++) {
		const number = String(index).padStart(6, '0');
		contacts.push({
			id: `contact${number}`,
			application_id: 1704,
			version_number: 1,
			created_date: at,
			last_update_date: at,
			first_name: `First${number}`,
			last_name: `Last${number}`,
			primary_mdn: `+1408555${String(index % 10_000).padStart(4, '0')}`,
			primary_email_addr: `person${number}@example.com`,
			external_id: `crm-${number}`,
		});
	}
	console.log(JSON.stringify({ url: sandbox.urls.syniverseScg, contacts: contacts.length }));
	process.stdin.resume();
	process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)));
}

void main();
