/**
 * Every node of both packages in the n8n editor, in headless Chromium (Debian's `chromium`, driven by
 * playwright-core), as an ops person meets them: search the provider's name in the node panel, find the
 * actions (and the trigger's events, in sentence case), run a typical action against the sandbox, and, where
 * a node takes phone numbers, see the error pop-up show how to write one. n8n's own Twilio entry is checked
 * first: ours behave as it does. Any browser console error or page error fails the test unless allow-listed
 * below. On n8n 2.x each node's panel is saved as docs/editor-<node>.png, the gallery the README shows (on
 * other versions the screenshots go to .build/).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { N8n, SandboxControl } from './n8n-client';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = join(__dirname, '..', '..');

/** A console error (`url`: where it was logged or what failed to load) or an uncaught page error (`stack`). */
interface BrowserError {
	text: string;
	url: string;
	stack?: string;
}

/**
 * Errors that are n8n's own and unrelated to this package; anything else fails the test. Each entry: why it
 * is noise, and the n8n major version it belongs to when only that one has it. The n8n 1.x entries were
 * each seen, in the same order, in a workflow of n8n's own nodes only (Manual Trigger → HTTP Request).
 */
const allowedErrors: {
	why: string;
	onlyOnN8n?: number;
	matches: (error: BrowserError, page: PageState) => boolean;
}[] = [
	{
		// The sign-in page first asks whether a session exists (GET /rest/login); without one n8n answers 401.
		why: 'session check before logging in',
		matches: (error, { loggedIn }) =>
			!loggedIn && error.text.includes('status of 401') && error.url.endsWith('/rest/login'),
	},
	{
		// A node added from the panel asks for the options of its dropdowns before n8n has given it its
		// credential; the options request is refused with "Node does not have any credentials set" (500), and
		// asked again once the credential is there. n8n's own ClickUp Trigger does the same.
		why: 'dropdown options asked for before the new node has its credential',
		matches: (error, state) =>
			error.text.includes('status of 500') &&
			error.url.endsWith('/rest/dynamic-node-parameters/options') &&
			state.takeCredentialLessOptionsAnswer(),
	},
	{
		// For a community node the editor looks the package up on the public npm registry (the "Via npm"
		// badge); the test machine has no direct internet, so the request fails whatever the package is.
		why: 'npm registry lookup of the community package, offline here',
		matches: (error) => error.url.startsWith('https://registry.npmjs.org/'),
	},
	{
		// Right after logging in, n8n 1.x's editor checks for new versions before it has stored its
		// version-notification settings (versions.store `checkForNewVersions`).
		why: 'n8n 1.x version check reading settings it has not stored yet',
		onlyOnN8n: 1,
		matches: (error) =>
			error.text === "Cannot read properties of undefined (reading 'enabled')" &&
			(error.stack ?? '').includes('checkForNewVersions'),
	},
	{
		// After a run n8n 1.x's editor asks for the AI assistant's sessions, which an instance without that
		// licence may not read: a 403, and the store logs the refusal.
		why: 'n8n 1.x AI assistant sessions, unlicensed here',
		onlyOnN8n: 1,
		matches: (error) =>
			error.url.endsWith('/rest/ai/sessions/metadata') ||
			error.text.startsWith(
				'Failed to fetch sessions metadata: ResponseError: Plan lacks license for this feature',
			),
	},
	{
		// n8n 1.x's editor looks for a pre-built output schema of n8n's Manual Trigger, which 1.x does not ship.
		why: "n8n 1.x output schema of n8n's own Manual Trigger, not shipped",
		onlyOnN8n: 1,
		matches: (error) =>
			error.text.includes('status of 404') &&
			/\/schemas\/n8n-nodes-base\.manualTrigger\/[\d.]+\.json$/.test(error.url),
	},
];

/** What the allow-list may ask about the page an error came from. */
interface PageState {
	loggedIn: boolean;
	/** Takes one options answer that refused a node without its credential yet, if there is one. */
	takeCredentialLessOptionsAnswer: () => boolean;
}

/** How n8n's node panel shows an entry's two lists: open or folded, with their counts. */
interface PanelLists {
	/** "Triggers (3)" → open or folded; in the order the panel shows them. */
	lists: Array<{ title: string; open: boolean }>;
	/** The entries of each list the panel shows open, by list title without its count. */
	shown: Record<string, string[]>;
}

/** The phone-number example every phone error shows (nodes/shared/phone.ts). */
const EXAMPLE_NUMBER = '+6591234567';

jest.setTimeout(600_000);

describe('both packages in the n8n editor', () => {
	const n8n = new N8n();
	let context: BrowserContext;
	let page: Page;
	let userDataDir: string;
	let loggedIn = false;
	/** Errors the browser reported during the current test, judged against the allow-list after it. */
	let browserErrors: Array<{ error: BrowserError; shown: string; loggedIn: boolean }> = [];
	let credentialLessOptionsAnswers = 0;

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
		page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(60_000);
		// Leaving a workflow with unsaved changes asks first; each test starts a new one anyway.
		page.on('dialog', (dialog) => void dialog.accept());
		watchBrowser(page);

		await page.goto(`${n8n.url}/signin`);
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(n8n.facts.owner.email);
		await page.getByTestId('password').locator('input').fill(n8n.facts.owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		loggedIn = true;
		expect(unexpectedErrors()).toEqual([]);
	});

	afterAll(async () => {
		await context?.close();
		if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
	});

	afterEach(async () => {
		// Answers still being read belong to this test's errors.
		await page.waitForTimeout(500);
		expect(unexpectedErrors()).toEqual([]);
	});

	function watchBrowser(watched: Page) {
		const record = (error: BrowserError, shown: string) =>
			browserErrors.push({ error, shown, loggedIn });
		watched.on('console', (message) => {
			if (message.type() !== 'error') return;
			const error = { text: message.text(), url: message.location().url };
			record(error, `${error.text} (${error.url})`);
		});
		watched.on('pageerror', (error) =>
			record({ text: error.message, url: '', stack: error.stack }, `page error: ${error.stack}`),
		);
		watched.on('response', (response) => {
			if (
				response.status() !== 500 ||
				!response.url().endsWith('/rest/dynamic-node-parameters/options')
			)
				return;
			void response
				.text()
				.then((text) => {
					if (text.includes('Node does not have any credentials set'))
						credentialLessOptionsAnswers += 1;
				})
				.catch(() => undefined);
		});
	}

	/** The errors of the test so far that the allow-list does not explain; forgets them all. */
	function unexpectedErrors(): string[] {
		const allowedHere = allowedErrors.filter(
			(allowed) => allowed.onlyOnN8n === undefined || allowed.onlyOnN8n === n8n.major,
		);
		const takeCredentialLessOptionsAnswer = () => {
			if (credentialLessOptionsAnswers === 0) return false;
			credentialLessOptionsAnswers -= 1;
			return true;
		};
		const unexpected = browserErrors
			.filter(
				({ error, loggedIn: afterLogin }) =>
					!allowedHere.some((allowed) =>
						allowed.matches(error, { loggedIn: afterLogin, takeCredentialLessOptionsAnswer }),
					),
			)
			.map(({ shown }) => shown);
		browserErrors = [];
		return unexpected;
	}

	// ---- the node panel ----------------------------------------------------------------------------------

	const panel = () => page.getByTestId('node-creator');
	const panelEntry = (name: string) =>
		panel().getByTestId('node-creator-item-name').getByText(name, { exact: true });

	/**
	 * The node panel on an empty canvas ("What triggers this workflow?"): a new workflow the first time, then
	 * the same one emptied, which spares reloading the editor.
	 */
	async function emptyCanvasPanel() {
		if (!new URL(page.url()).pathname.startsWith('/workflow/')) {
			await page.goto(`${n8n.url}/workflow/new`);
		} else {
			if (await ndv().isVisible()) await closeNdv();
			if (await panel().isVisible()) await page.keyboard.press('Escape');
			if ((await page.getByTestId('canvas-node').count()) > 0) {
				await page.getByTestId('canvas-node').first().click();
				await page.keyboard.press('ControlOrMeta+a');
				await page.keyboard.press('Delete');
			}
		}
		await page.getByTestId('canvas-add-button').click();
	}

	/** The node panel of a workflow that has a node already ("What happens next?"). */
	async function nextStepPanel() {
		await page.getByTestId('node-creator-plus-button').click();
	}

	/**
	 * Searches the panel for `term` and waits for `expected` among the results; returns the names and
	 * descriptions of the entries found.
	 */
	async function search(
		term: string,
		expected: string,
	): Promise<Array<{ name: string; description: string }>> {
		await page.getByTestId('node-creator-search-bar').fill(term);
		await panelEntry(expected).waitFor();
		return await panel()
			.getByTestId('item-iterator-item')
			.evaluateAll((items) =>
				items.map((item) => {
					const text = (selector: string) =>
						(
							item.querySelector(`[data-test-id="${selector}"]`) as { innerText: string } | null
						)?.innerText.trim() ?? '';
					return {
						name: text('node-creator-item-name'),
						description: text('node-creator-item-description'),
					};
				}),
			);
	}

	/** The lists of the open entry, and the entries of the open ones. */
	async function panelLists(): Promise<PanelLists> {
		const categories = panel().locator('[data-category-collapsed]');
		await categories.first().waitFor();
		const result: PanelLists = { lists: [], shown: {} };
		for (const category of await categories.all()) {
			const title = (await category.getByTestId('node-creator-category-item').innerText()).trim();
			const open = (await category.getAttribute('data-category-collapsed')) === 'false';
			result.lists.push({ title, open });
			if (open)
				result.shown[title.replace(/ \(\d+\)$/, '')] = (
					await category.getByTestId('node-creator-item-name').allInnerTexts()
				).map((text) => text.trim());
		}
		return result;
	}

	/** Opens a folded list of the open entry ("Actions (28)"). */
	async function unfold(list: 'Actions' | 'Triggers') {
		await panel()
			.getByTestId('node-creator-category-item')
			.filter({ hasText: new RegExp(`^${list}`) })
			.click();
	}

	// ---- the node's panel (NDV) ----------------------------------------------------------------------------

	const ndv = () => page.getByTestId('ndv');
	const parameter = (name: string) => page.getByTestId(`parameter-input-${name}`);

	async function fill(name: string, value: string) {
		const input = parameter(name).locator('input, textarea').first();
		await input.fill(value);
		await input.press('Tab');
	}

	/**
	 * Picks a dropdown option by its title (an option also shows its description), or the first one. A
	 * dropdown filled from the provider stays disabled until its options have arrived. One that asked before
	 * n8n had given the new node its credential shows "Error fetching options" and does not ask again until
	 * the node is opened anew, which is what a user does then (n8n's own ClickUp Trigger behaves the same).
	 */
	async function choose(name: string, title?: string) {
		const options = page.getByRole('option').filter({ visible: true });
		const wanted = title
			? options.filter({ has: page.getByText(title, { exact: true }) })
			: options.first();
		for (let attempt = 1; ; attempt++) {
			await enabled(name);
			await parameter(name).click();
			try {
				await wanted.waitFor({ timeout: 3_000 });
				break;
			} catch (error) {
				if (attempt === 3) throw error;
				await reopenNdv();
			}
		}
		await wanted.click();
	}

	/** Closes the open node and opens it again, from the canvas. */
	async function reopenNdv() {
		const name = await page
			.getByTestId('canvas-node')
			.and(page.locator('.selected'))
			.getAttribute('data-node-name');
		await closeNdv();
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await ndv().waitFor();
	}

	/** Waits until a parameter's dropdown can be opened: not disabled while its options load. */
	async function enabled(name: string) {
		const disabled = parameter(name).locator('.el-select--disabled');
		const deadline = Date.now() + 30_000;
		while ((await disabled.count()) > 0) {
			if (Date.now() > deadline) throw new Error(`${name}: the dropdown stays disabled`);
			await page.waitForTimeout(200);
		}
	}

	/** Adds an optional field of a collection ("Additional Fields" → "From Number"). */
	async function addOptionalField(name: string, displayName: string) {
		// The collection's "Add Field" (Additional Fields; Campaign and Request Options say "Add Option").
		await ndv().getByText('Add Field', { exact: true }).first().click();
		const input = parameter(name);
		const option = page.getByRole('option').filter({ hasText: displayName, visible: true });
		// With one field to add, n8n adds it at once; with more, it offers a list.
		await input.or(option).first().waitFor();
		if (await option.isVisible()) await option.click();
		await input.waitFor();
	}

	async function executeStep() {
		await ndv().getByTestId('node-execute-button').first().click();
	}

	const output = () => page.getByTestId('output-panel');

	/** Runs the node and waits for its items: "3 items", "1 item". */
	async function runAndSee(items: RegExp) {
		await executeStep();
		await output().getByText(items).first().waitFor();
	}

	/** Runs the node and returns the text of the error pop-up it brings ("Problem in node …"), closing it. */
	async function runAndReadErrorPopUp(): Promise<string> {
		const errorPopUps = page.locator('.el-notification').filter({ hasText: 'Problem in node' });
		const before = await errorPopUps.count();
		await executeStep();
		const popUp = errorPopUps.nth(before);
		await popUp.waitFor();
		const text = await popUp.innerText();
		await popUp.locator('.el-notification__closeBtn').click();
		return text;
	}

	/**
	 * Runs the node with a phone number without country code in a field; the error pop-up names the number and
	 * shows how to write one.
	 */
	async function expectPhoneNumberFix(name: string, number: string) {
		await fill(name, number);
		const popUp = await runAndReadErrorPopUp();
		expect(popUp).toContain(`"${number}" has no country code`);
		expect(popUp).toContain(`like ${EXAMPLE_NUMBER}`);
	}

	async function closeNdv() {
		// n8n 2.x's panel has a close button; n8n 1.x's a "Back to canvas" one.
		await page.getByTestId('ndv-close-button').or(page.getByTestId('back-to-canvas')).click();
		await ndv().waitFor({ state: 'hidden' });
	}

	/** The canvas subtitles: under each node's name ("Device: Get Many"), the node's last line. */
	async function canvasSubtitles(): Promise<string[]> {
		return (await page.getByTestId('canvas-node').allInnerTexts()).map(
			(text) => text.trim().split('\n').at(-1)?.trim() ?? '',
		);
	}

	/** Waits until no dropdown of the open node is loading its options any more. */
	async function optionsLoaded() {
		const loading = ndv().locator('.el-select--disabled, input[placeholder="Loading options..."]');
		const deadline = Date.now() + 30_000;
		while ((await loading.count()) > 0) {
			if (Date.now() > deadline) throw new Error('a dropdown is still loading its options');
			await page.waitForTimeout(200);
		}
	}

	/** Saves the editor as it is now, once the open node's dropdowns have their options. */
	async function screenshot(node: string) {
		await optionsLoaded();
		const path =
			n8n.major === 2
				? join(root, 'docs', `editor-${node}.png`)
				: join(root, '.build', `editor-${node}-n8n-${n8n.facts.n8nVersion}.png`);
		mkdirSync(join(path, '..'), { recursive: true });
		// Transitions (the panel opening, a pop-up fading) are finished first.
		await page.screenshot({ path, animations: 'disabled' });
	}

	/** What the emulator of a provider received: "METHOD /path". */
	async function calls(sandbox: SandboxControl): Promise<string[]> {
		const requests = await sandbox.requests<{ method: string; pathname: string }[]>();
		return requests.map((request) => `${request.method} ${request.pathname}`);
	}

	// ---- n8n's own entries: the behaviour ours must match ---------------------------------------------------

	it("n8n's own Twilio: one entry; on an empty canvas its triggers open and its actions folded, once the workflow has a trigger the other way round", async () => {
		await emptyCanvasPanel();
		await search('Twilio', 'Twilio');
		await panelEntry('Twilio').click();
		expect((await panelLists()).lists).toEqual([
			{ title: 'Triggers (2)', open: true },
			{ title: 'Actions (2)', open: false },
		]);

		await unfold('Actions');
		await panelEntry((await panelLists()).shown.Actions[0]).click();
		await ndv().waitFor();
		await closeNdv();
		await nextStepPanel();
		await search('Twilio', 'Twilio');
		await panelEntry('Twilio').click();
		expect((await panelLists()).lists).toEqual([
			{ title: 'Actions (2)', open: true },
			{ title: 'Triggers (2)', open: false },
		]);
	});

	// ---- our nodes ------------------------------------------------------------------------------------------

	/**
	 * A provider whose action node and trigger n8n merges into one panel entry: the entry, named after the
	 * provider, describes both; on an empty canvas it lists the trigger's events in sentence case and folds the
	 * actions as n8n's own entries do, and an event adds the trigger; once the workflow has a trigger the
	 * actions are open at once; the typical action, picked on an empty canvas, runs against the sandbox.
	 */
	async function mergedEntry(provider: {
		search: string;
		entry: string;
		events: string[];
		actionCount: number;
		action: string;
		subtitle: string;
		trigger: { event: string; node: string; shows: string; setUp?: () => Promise<void> };
		node: string;
		/** Fills the action's fields and runs it against the sandbox. */
		run: () => Promise<void>;
		/** Then, where the action takes phone numbers: one without country code, and the pop-up it brings. */
		badNumber?: () => Promise<void>;
	}) {
		await emptyCanvasPanel();
		const found = await search(provider.search, provider.entry);
		expect(found.filter((entry) => entry.name.startsWith(provider.entry))).toEqual([
			{
				name: provider.entry,
				description: n8n.panelShowsCommunityNodeDescriptions
					? expect.stringMatching(/^Send .+, or start the workflow on /)
					: '',
			},
		]);
		await panelEntry(provider.entry).click();
		const lists = await panelLists();
		expect(lists.lists).toEqual([
			{ title: `Triggers (${provider.events.length})`, open: true },
			{ title: `Actions (${provider.actionCount})`, open: false },
		]);
		expect(lists.shown.Triggers).toEqual(provider.events);
		await panelEntry(provider.trigger.event).click();
		await ndv().waitFor();
		// The event picked in the panel is the trigger's event.
		await expect(parameter('events').innerText()).resolves.toContain(provider.trigger.shows);
		await provider.trigger.setUp?.();
		await screenshot(provider.trigger.node);
		await closeNdv();

		await nextStepPanel();
		await search(provider.search, provider.entry);
		await panelEntry(provider.entry).click();
		const next = await panelLists();
		expect(next.lists).toEqual([
			{ title: `Actions (${provider.actionCount})`, open: true },
			{ title: `Triggers (${provider.events.length})`, open: false },
		]);
		expect(next.shown.Actions).toContain(provider.action);

		await emptyCanvasPanel();
		await search(provider.search, provider.entry);
		await panelEntry(provider.entry).click();
		await unfold('Actions');
		await panelEntry(provider.action).click();
		await ndv().waitFor();
		await provider.run();
		await screenshot(provider.node);
		await provider.badNumber?.();
		await closeNdv();
		expect(await canvasSubtitles()).toContain(provider.subtitle);
	}

	it('Hoiio: the entry lists the triggers’ events and, a click away, the actions; Send an SMS runs against the sandbox', async () => {
		const hoiio = new SandboxControl('hoiio');
		await hoiio.reset();
		await mergedEntry({
			search: 'Hoiio',
			entry: 'Hoiio',
			events: [
				'On call status',
				'On fax status',
				'On incoming fax',
				'On incoming SMS',
				'On IVR answer',
				'On IVR result',
				'On SMS status',
			],
			actionCount: 32,
			action: 'Send an SMS',
			subtitle: 'SMS: Send',
			trigger: {
				event: 'On incoming SMS',
				node: 'hoiioTrigger',
				shows: 'Incoming SMS',
				setUp: async () => await choose('hoiioNumber'),
			},
			node: 'hoiio',
			run: async () => {
				await fill('to', EXAMPLE_NUMBER);
				await fill('message', 'Your table for two is ready.');
				await runAndSee(/^1 item/);
				expect(await calls(hoiio)).toContainEqual(expect.stringMatching(/^POST .*\/sms\/send$/));
			},
		});
	});

	it('Syniverse SCG: the same entry shape; Send an SMS or MMS runs, and a number without country code shows how to write it', async () => {
		const scg = new SandboxControl('syniverseScg');
		await scg.reset();
		await mergedEntry({
			search: 'Syniverse',
			entry: 'Syniverse SCG',
			events: [
				'On message state change',
				'On message request state change',
				'On inbound message (MO)',
			],
			actionCount: 28,
			action: 'Send an SMS or MMS',
			subtitle: 'Message Request: Create',
			trigger: {
				event: 'On inbound message (MO)',
				node: 'syniverseScgTrigger',
				shows: 'Inbound Message (MO)',
			},
			node: 'syniverseScg',
			run: async () => {
				await choose('sender');
				await fill('recipients', '+14085551212');
				await fill('message', 'Your parcel is on its way');
				await runAndSee(/^1 item/);
				expect(await calls(scg)).toContain(
					'POST /scg-external-api/api/v1/messaging/message_requests',
				);
			},
			badNumber: async () => {
				await expectPhoneNumberFix('recipients', '555-1234');
			},
		});
	});

	it('Vumi Go: the same entry shape; Send a text message runs, and a national number shows how to write it', async () => {
		const vumiGo = new SandboxControl('vumiGo');
		await vumiGo.reset();
		await mergedEntry({
			search: 'Vumi',
			entry: 'Vumi Go',
			events: [
				'On inbound message',
				'On ack (the channel accepted a message)',
				'On nack (the channel refused a message)',
				'On delivery report',
			],
			actionCount: 25,
			action: 'Send a text message',
			subtitle: 'Message: Send Text',
			trigger: { event: 'On inbound message', node: 'vumiGoTrigger', shows: 'Inbound Message' },
			node: 'vumiGo',
			run: async () => {
				await fill('toAddress', '+27821234567');
				await fill('content', 'The clinic opens at 08:00 on Saturday.');
				await runAndSee(/^1 item/);
				expect(await calls(vumiGo)).toContainEqual(
					expect.stringMatching(/^PUT .*\/messages\.json$/),
				);
			},
			badNumber: async () => {
				await expectPhoneNumberFix('toAddress', '0761234567');
			},
		});
	});

	it('Hologram: the entry shows the actions at once (no trigger of its own); Get many devices runs, and a bad From Number shows how to write it', async () => {
		const hologram = new SandboxControl('hologram');
		await hologram.reset();
		await emptyCanvasPanel();
		await search('Hologram', 'Hologram');
		await panelEntry('Hologram').click();
		const lists = await panelLists();
		expect(lists.lists).toContainEqual({ title: 'Actions (34)', open: true });
		expect(lists.shown.Actions).toContain('Get many devices');

		await panelEntry('Get many devices').click();
		await ndv().waitFor();
		// The only Hologram credential is picked for a new node: the sandbox one global-setup created.
		await expect(
			page.getByTestId('node-credentials-select').locator('input').inputValue(),
		).resolves.toBe(n8n.facts.credentials.hologramApi.name);
		await fill('limit', '3');
		await runAndSee(/^3 items/);
		await output().getByText('Cold Room Sensor 1').first().waitFor();
		await screenshot('hologram');
		expect(await calls(hologram)).toContain('GET /api/1/devices');

		await choose('resource', 'SMS');
		await fill('deviceId', '3001');
		await fill('message', 'Reboot now');
		await addOptionalField('fromNumber', 'From Number');
		await expectPhoneNumberFix('fromNumber', '12345abc');
		await closeNdv();
		expect(await canvasSubtitles()).toContain('SMS: Send');
	});

	it('SmartLiving: four entries of their own, the action nodes showing their actions at once; Get many devices runs, and so does Send the state of an asset over MQTT', async () => {
		const smartLiving = new SandboxControl('smartLiving');
		await smartLiving.reset();
		await emptyCanvasPanel();
		const found = await search('SmartLiving', 'SmartLiving MQTT Trigger');
		expect(found.map((entry) => entry.name)).toEqual(
			expect.arrayContaining([
				'SmartLiving',
				'SmartLiving MQTT',
				'SmartLiving Trigger',
				'SmartLiving MQTT Trigger',
			]),
		);

		await panelEntry('SmartLiving').click();
		expect((await panelLists()).lists).toContainEqual({ title: 'Actions (12)', open: true });
		await panelEntry('Get many devices').click();
		await ndv().waitFor();
		await choose('groundId');
		await runAndSee(/^\d+ items?/);
		await output().getByText('Living room thermostat').first().waitFor();
		await screenshot('smartLiving');
		expect(await calls(smartLiving)).toContainEqual(
			expect.stringMatching(/^GET \/ground\/[^/]+\/devices$/),
		);
		await closeNdv();
		expect(await canvasSubtitles()).toContain('Device: Get Many');

		await emptyCanvasPanel();
		await search('SmartLiving', 'SmartLiving MQTT');
		await panelEntry('SmartLiving MQTT').click();
		expect((await panelLists()).lists).toContainEqual({ title: 'Actions (2)', open: true });
		await panelEntry('Send the state of an asset over MQTT').click();
		await ndv().waitFor();
		await choose('deviceId', 'Living room thermostat');
		await choose('assetName', 'Temperature (sensor)');
		await fill('numberValue', '22.5');
		await runAndSee(/^1 item/);
		await screenshot('smartLivingMqtt');
		await closeNdv();

		for (const trigger of [
			{
				entry: 'SmartLiving Trigger',
				node: 'smartLivingPollTrigger',
				// A poll trigger's test run is one poll: the asset's current state.
				setUp: async () => {
					await choose('assetIds', 'Living room thermostat / Temperature');
					await page.keyboard.press('Escape');
					await runAndSee(/^1 item/);
				},
			},
			{
				entry: 'SmartLiving MQTT Trigger',
				node: 'smartLivingTrigger',
				setUp: async () => await choose('deviceId', 'Living room thermostat'),
			},
		]) {
			await emptyCanvasPanel();
			await search('SmartLiving', trigger.entry);
			await panelEntry(trigger.entry).click();
			// A community node without actions opens on its details, with "Add to workflow".
			const add = panel().getByText('Add to workflow', { exact: true });
			await add.or(ndv()).first().waitFor();
			if (await add.isVisible()) await add.click();
			await ndv().waitFor();
			await trigger.setUp();
			await screenshot(trigger.node);
			await closeNdv();
		}
	});
});
