/**
 * The Hologram node in the n8n editor, in headless Chromium (Debian's `chromium`, driven by playwright-core):
 * log in, create a workflow, find Hologram in the node panel, pick Device → Get Many, fill Limit, run it
 * against the sandbox and see the items. Any browser console error fails the test unless allow-listed below.
 * Saves docs/hologram-editor.png, the screenshot the README shows.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
	chromium,
	selectors,
	type BrowserContext,
	type ConsoleMessage,
	type Page,
} from 'playwright-core';

import { N8n, SandboxControl } from './n8n-client';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotPath = join(__dirname, '..', '..', 'docs', 'hologram-editor.png');

/**
 * Console errors that are n8n's own and unrelated to this package; anything else fails the test.
 * Each entry: why it is noise.
 */
const allowedConsoleErrors: {
	why: string;
	matches: (message: ConsoleMessage, loggedIn: boolean) => boolean;
}[] = [
	{
		// The sign-in page first asks whether a session exists (GET /rest/login); without one n8n answers 401.
		why: 'session check before logging in',
		matches: (message, loggedIn) =>
			!loggedIn &&
			message.text().includes('status of 401') &&
			message.location().url.endsWith('/rest/login'),
	},
	{
		// For a community node the editor looks the package up on the public npm registry (the "Via npm"
		// badge); the test machine has no direct internet, so the request fails whatever the package is.
		why: 'npm registry lookup of the community package, offline here',
		matches: (message) => message.location().url.startsWith('https://registry.npmjs.org/'),
	},
];

/** Picks a dropdown option by its title (an option also shows its description). */
async function choose(page: Page, parameter: string, title: string) {
	await page.getByTestId(`parameter-input-${parameter}`).click();
	await page
		.getByRole('option')
		.filter({ has: page.getByText(title, { exact: true }) })
		.click();
}

jest.setTimeout(240_000);

describe('Hologram in the n8n editor', () => {
	const n8n = new N8n();
	const hologram = new SandboxControl('hologram');
	let context: BrowserContext;
	let userDataDir: string;
	const consoleErrors: string[] = [];
	let loggedIn = false;

	beforeAll(async () => {
		if (!existsSync(chromiumPath))
			throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (.ci/run does it)`);
		selectors.setTestIdAttribute('data-test-id');
		userDataDir = mkdtempSync(join(tmpdir(), 'telco-iot-chromium-'));
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: chromiumPath,
			headless: true,
			viewport: { width: 1440, height: 900 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
	});

	afterAll(async () => {
		await context?.close();
		if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
	});

	function watchConsole(page: Page) {
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			if (allowedConsoleErrors.some((allowed) => allowed.matches(message, loggedIn))) return;
			consoleErrors.push(`${message.text()} (${message.location().url})`);
		});
		page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
	}

	it('adds the Hologram node, runs Device → Get Many against the sandbox and shows the devices', async () => {
		await hologram.reset();
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(60_000);
		watchConsole(page);

		await page.goto(`${n8n.url}/signin`);
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(n8n.facts.owner.email);
		await page.getByTestId('password').locator('input').fill(n8n.facts.owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		loggedIn = true;

		await page.goto(`${n8n.url}/workflow/new`);
		await page.getByTestId('canvas-add-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Hologram');
		await page.getByTestId('node-creator-item-name').getByText('Hologram', { exact: true }).click();
		await page
			.getByTestId('node-creator-item-name')
			.getByText('Get many devices', { exact: true })
			.click();

		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		// The only Hologram credential is picked for a new node: the sandbox one global-setup created.
		await expect(
			page.getByTestId('node-credentials-select').locator('input').inputValue(),
		).resolves.toBe(n8n.facts.credentials.hologramApi.name);
		await choose(page, 'resource', 'Device');
		await choose(page, 'operation', 'Get Many');
		const limit = page.getByTestId('parameter-input-limit').locator('input');
		await limit.fill('3');
		await limit.press('Tab');

		await page.getByTestId('node-execute-button').first().click();

		const output = page.getByTestId('output-panel');
		await output.getByText('3 items').first().waitFor();
		await output.getByText('Cold Room Sensor 1').first().waitFor();
		mkdirSync(dirname(screenshotPath), { recursive: true });
		await page.screenshot({ path: screenshotPath });

		const requests =
			await hologram.requests<
				{ method: string; pathname: string; query: Record<string, string> }[]
			>();
		expect(requests.map((request) => `${request.method} ${request.pathname}`)).toContain(
			'GET /api/1/devices',
		);
		expect(consoleErrors).toEqual([]);
	});
});
