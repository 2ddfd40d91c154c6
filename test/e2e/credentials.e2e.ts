/**
 * Credential tests through n8n's own tester (`POST /rest/credentials/test`, what the editor's "Test" and
 * "Save" call): each says what is wrong and what to check. n8n words two kinds of failure itself, whatever a
 * credential declares: a request that got no answer (2.x shows the error's code, ECONNREFUSED, ENOTFOUND,
 * ...; 1.x a sentence), and on n8n 1.x a request that failed with an HTTP status (n8n's text for that
 * status). Hologram and Hoiio read every answer's body instead, so their words are the same on both.
 */
import { N8n } from './n8n-client';

const n8n = new N8n();

interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs n8n's credential test on a credential of `type` saved with `data` for this test alone. Not on the
 * sandbox credential: n8n 1.x writes the tested values into the credential it tests when the type renews a
 * session token (SCG, SmartLiving legacy; `preAuthentication` in its credentials-helper), which left the
 * shared credential pointing at another server for the specs that ran after this one.
 */
async function credentialTest(type: string, data: Record<string, unknown>): Promise<TestResult> {
	const { id, name } = await n8n.createCredential({ name: `credential test: ${type}`, type, data });
	try {
		const answer = await n8n.rest<{ data: TestResult }>('POST', '/credentials/test', {
			credentials: { id, name, type, data },
		});
		if (answer.status !== 200) throw new Error(`credential test: ${answer.status} ${answer.text}`);
		return answer.json.data;
	} finally {
		await n8n.api('DELETE', `/credentials/${id}`);
	}
}

/**
 * What n8n shows when the test request failed with an HTTP status the credential words in a `responseCode`
 * rule: the rule's words on n8n 2.x, n8n's own text for the status on 1.x.
 */
function wordedByStatus(status: 401 | 404, message: string): string {
	return n8n.credentialTestReadsHttpStatus ? message : n8n.httpStatusCredentialTestMessage(status);
}

/** An address where nothing listens. */
const NOTHING_ANSWERS = 'http://127.0.0.1:1';

describe('credential tests say what is wrong', () => {
	const sandbox = n8n.facts.sandbox;

	it('Hologram: a refused key names where keys are made; another server is not the Hologram API', async () => {
		const hologram = (apiKey: string, baseUrl: string) =>
			credentialTest('hologramApi', { apiKey, baseUrl });

		expect(await hologram('sandbox-hologram-key', sandbox.hologram)).toMatchObject({
			status: 'OK',
		});
		expect(await hologram('not-the-key', sandbox.hologram)).toEqual({
			status: 'Error',
			message:
				'The API key was refused: check it in Hologram Dashboard → Account Settings → API Keys',
		});
		expect(await hologram('sandbox-hologram-key', `${sandbox.hoiio}/api/1`)).toEqual({
			status: 'Error',
			message: 'This is not the Hologram API: check the Base URL',
		});
		// No answer at all: n8n words it itself, and no rule of a declared test can reword it.
		expect(await hologram('sandbox-hologram-key', `${NOTHING_ANSWERS}/api/1`)).toEqual({
			status: 'Error',
			message: n8n.connectionRefusedCredentialTestMessage,
		});
	});

	it('Hoiio: an unknown App ID, a refused token and another server each say what to check', async () => {
		const hoiio = (data: Record<string, unknown>) =>
			credentialTest('hoiioApi', {
				appId: 'sandbox-hoiio-app',
				accessToken: 'sandbox-hoiio-token',
				baseUrl: sandbox.hoiio,
				...data,
			});

		expect(await hoiio({})).toMatchObject({ status: 'OK' });
		expect(await hoiio({ appId: 'not-the-app' })).toEqual({
			status: 'Error',
			message: 'Hoiio does not know this App ID: check it in the Hoiio Developer Portal',
		});
		expect(await hoiio({ accessToken: 'not-the-token' })).toEqual({
			status: 'Error',
			message:
				'The access token was refused: check it in the Hoiio Developer Portal, next to the App ID',
		});
		expect(await hoiio({ baseUrl: sandbox.hologram })).toEqual({
			status: 'Error',
			message: 'This is not the Hoiio API: check the Base URL',
		});
	});

	it('Syniverse SCG: a refused token names the portal page (n8n 2.x; 1.x words the status itself)', async () => {
		const scg = (accessToken: string, baseUrl = sandbox.syniverseScg) =>
			credentialTest('syniverseScgApi', { accessToken, baseUrl });

		expect(await scg('sandbox-scg-token')).toMatchObject({ status: 'OK' });
		expect(await scg('not-the-token')).toEqual({
			status: 'Error',
			message: wordedByStatus(
				401,
				'The access token was refused: check it in the Syniverse Developer Community portal (your application → Auth Keys)',
			),
		});
		expect(await scg('sandbox-scg-token', sandbox.hologram)).toEqual({
			status: 'Error',
			message: wordedByStatus(404, 'This is not the Syniverse SCG API: check the Base URL'),
		});
	});

	it('SmartLiving: a refused token and a server that is not the platform say what to check (n8n 2.x)', async () => {
		const maker = (token: string, makerApiUrl = sandbox.smartLiving) =>
			credentialTest('smartLivingApi', {
				platform: 'maker',
				token,
				makerScope: 'ground',
				makerApiUrl,
			});

		expect(await maker('sandbox-maker-ground-token')).toMatchObject({ status: 'OK' });
		expect(await maker('not-the-token')).toEqual({
			status: 'Error',
			message: wordedByStatus(
				401,
				'The token was refused: check it in AllThingsTalk Maker, in the settings of the device or ground it belongs to',
			),
		});
		expect(await maker('sandbox-maker-ground-token', sandbox.hologram)).toEqual({
			status: 'Error',
			message: wordedByStatus(
				404,
				'This is not a SmartLiving/AllThingsTalk API: check the platform and API URL (and the Device ID of a device token)',
			),
		});
	});
});
