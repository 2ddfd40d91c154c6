/**
 * Canary secrets: distinctive credential values, every form in which they could leak (as entered, URL- and
 * form-encoded, base64 at any alignment as inside a Basic header, and the random core alone, which survives
 * truncation), and a scan of any text for them. Shared by the in-process canary test
 * (test/reliability/canary-secrets.test.ts) and the one against a real n8n (test/e2e/canary-secrets.e2e.ts).
 */
import {
	HoiioEmulator,
	HologramEmulator,
	SmartLivingEmulator,
	SyniverseScgEmulator,
	VumiGoEmulator,
	smartLivingSeed,
	vumiGoSeed,
} from '../../sandbox';

/** One value per credential field; the `+/=` characters make the encoded forms differ from the value. */
export const canaries = {
	hologramApiKey: 'CANARY-hologram-apikey-7f3a91c2e4b5+/=x',
	hoiioAppId: 'CANARY-hoiio-appid-2b8d44e1a9f3',
	hoiioAccessToken: 'CANARY-hoiio-token-9c0e5a7f3d21+/=x',
	scgAccessToken: 'CANARY-scg-token-41f7b2c9e8a0',
	scgConsumerKey: 'CANARY-scg-key-d3a8e6f1b7c2',
	scgConsumerSecret: 'CANARY-scg-secret-6b2f0c9d7e14+/=x',
	vumiGoToken: 'CANARY-vumigo-token-e5c1a9b3f7d2',
	vumiGoConversationToken: 'CANARY-vumigo-convtoken-0a4d8f2e6c13',
	smartLivingMakerToken: 'CANARY-smartliving-maker-8e3b1d7a5f90',
	smartLivingUsername: 'CANARY-smartliving-user-3f9a6c0e2d8b',
	smartLivingPassword: 'CANARY-smartliving-password-c7e2a0b4d61f',
} as const;

export type CanaryName = keyof typeof canaries;

/** The user name a canary travels with in a Basic header, where its credential sends one. */
export function canaryBasicUser(name: CanaryName): string | undefined {
	if (name === 'hologramApiKey') return 'apikey';
	if (name === 'vumiGoConversationToken') return vumiGoSeed.accountKey;
	return undefined;
}

/**
 * One emulator per provider that accepts the canary credentials (through the emulators' own options), with
 * nothing happening by itself (no automatic events, notifications or progress) so every call is the test's.
 */
export function canaryEmulators() {
	return {
		hologram: new HologramEmulator({ apiKey: canaries.hologramApiKey }),
		hoiio: new HoiioEmulator({
			appId: canaries.hoiioAppId,
			accessToken: canaries.hoiioAccessToken,
			notifyDelayMs: 'manual',
		}),
		scg: new SyniverseScgEmulator({
			accessToken: canaries.scgAccessToken,
			consumerKey: canaries.scgConsumerKey,
			consumerSecret: canaries.scgConsumerSecret,
			autoProgress: false,
		}),
		vumiGo: new VumiGoEmulator({
			tokens: { [canaries.vumiGoToken]: vumiGoSeed.accountKey },
			conversationTokens: { [vumiGoSeed.conversationKeys.sms]: [canaries.vumiGoConversationToken] },
			autoEvents: 'none',
		}),
		smartLiving: new SmartLivingEmulator({
			username: canaries.smartLivingUsername,
			password: canaries.smartLivingPassword,
			makerTokens: {
				[canaries.smartLivingMakerToken]: { groundIds: [smartLivingSeed.groundIds.home] },
			},
		}),
	};
}

/**
 * Identifiers that travel with a secret but are not secret themselves (an App ID, a user name): a provider
 * may legitimately echo them in its data, so they are scanned and reported but not held to zero.
 */
export const identifierCanaries: readonly CanaryName[] = ['hoiioAppId', 'smartLivingUsername'];

export interface SecretForm {
	/** Which secret (a canary name, or a label for a token the sandbox issued). */
	secret: string;
	/** raw, url, form, base64@0..2, base64url@0..2, basic, core */
	form: string;
	needle: string;
	caseInsensitive?: boolean;
}

/** Base64 of the value at each of the 3 byte alignments, keeping only characters no neighbour can change. */
function base64Needles(value: string): { form: string; needle: string }[] {
	const needles: { form: string; needle: string }[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.from(`${'\0'.repeat(offset)}${value}`, 'utf8').toString('base64');
		// The first group mixes in the padding bytes; the last may mix in whatever follows the value.
		const stable = encoded.slice(offset === 0 ? 0 : 4, -4);
		needles.push({ form: `base64@${offset}`, needle: stable });
		needles.push({
			form: `base64url@${offset}`,
			needle: stable.replace(/\+/g, '-').replace(/\//g, '_'),
		});
	}
	return needles;
}

/** Every form of one secret worth looking for. `basicUser`: also the whole `Basic` credential. */
export function secretForms(secret: string, value: string, basicUser?: string): SecretForm[] {
	const forms: SecretForm[] = [
		{ secret, form: 'raw', needle: value },
		{ secret, form: 'url', needle: encodeURIComponent(value) },
		{ secret, form: 'form', needle: new URLSearchParams({ v: value }).toString().slice(2) },
		...base64Needles(value).map((entry) => ({ secret, ...entry })),
	];
	if (basicUser !== undefined)
		forms.push({
			secret,
			form: 'basic',
			needle: Buffer.from(`${basicUser}:${value}`).toString('base64'),
		});
	const core = /-([0-9a-f]{12})/.exec(value)?.[1];
	if (core) forms.push({ secret, form: 'core', needle: core, caseInsensitive: true });
	// Encodings equal to the value itself add nothing.
	return forms.filter(
		(form, index) =>
			form.needle.length >= 8 && forms.findIndex((other) => other.needle === form.needle) === index,
	);
}

export interface CanaryHit {
	secret: string;
	form: string;
	/** Where it was found: "output item 0", "error description", "n8n log" ... */
	where: string;
	/** A few characters around the hit, the secret itself masked, to find the leak. */
	around: string;
}

/** Every form found in `text`, with where it was found. */
export function scanText(text: string, forms: readonly SecretForm[], where: string): CanaryHit[] {
	const hits: CanaryHit[] = [];
	const lower = text.toLowerCase();
	for (const form of forms) {
		const at = form.caseInsensitive
			? lower.indexOf(form.needle.toLowerCase())
			: text.indexOf(form.needle);
		if (at === -1) continue;
		const around = `${text.slice(Math.max(0, at - 60), at)}<${form.secret}:${form.form}>${text.slice(
			at + form.needle.length,
			at + form.needle.length + 60,
		)}`;
		hits.push({ secret: form.secret, form: form.form, where, around });
	}
	return hits;
}

/** The names of the forms the scans look for, for the report. */
export function formNames(forms: readonly SecretForm[]): string[] {
	return [...new Set(forms.map((form) => form.form.replace(/@\d$/, '')))];
}
