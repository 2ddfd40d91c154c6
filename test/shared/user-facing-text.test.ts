/**
 * Texts a user reads survive n8n's HTML rendering. The editor renders parameter descriptions, hints and
 * notices as HTML, and its error pop-up renders the error message as HTML too, so a pattern such as
 * `+<country code><number>` vanishes there. Descriptions may hold the few tags n8n itself uses in them
 * (a link, bold, code); nothing else with angle brackets, encoded or not, reaches a user.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { EXAMPLE_PHONE_NUMBER, checkPhoneNumber } from '../../nodes/shared/phone';

const projectRoot = join(__dirname, '..', '..');
const packageFolders = [projectRoot, join(projectRoot, 'n8n-nodes-telco-iot-mqtt')].filter(
	(folder) => existsSync(join(folder, 'package.json')),
);

/** The classes a package declares in its `n8n` block, loaded from the build as n8n loads them. */
function declared<T>(kind: 'nodes' | 'credentials'): Array<{ label: string; instance: T }> {
	return packageFolders.flatMap((folder) => {
		const packageJson = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
			name: string;
			n8n: Record<string, string[]>;
		};
		return packageJson.n8n[kind].map((distFile) => {
			const className = distFile.replace(/^.*\//, '').replace(/\.(node|credentials)\.js$/, '');
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const loaded = require(join(folder, distFile)) as Record<string, new () => T>;
			return { label: `${packageJson.name} ${className}`, instance: new loaded[className]() };
		});
	});
}

/** Tags n8n renders in descriptions and uses in its own: a link, bold and code. */
const ALLOWED_TAGS = /<a href="https:\/\/[^"<>]+">|<\/a>|<\/?b>|<\/?code>/g;

/** What of the text an HTML renderer would swallow or show differently: angle brackets, raw or encoded. */
function htmlSignificant(text: string): string[] {
	return text.replace(ALLOWED_TAGS, '').match(/[<>]|&lt;|&gt;/g) ?? [];
}

/** Every text of a parameter list a user reads, with where it is: `Events › options › Ack › action`. */
function parameterTexts(properties: INodeProperties[], path: string): Array<[string, string]> {
	const texts: Array<[string, string]> = [];
	const add = (where: string, value: unknown) => {
		if (typeof value === 'string' && value !== '') texts.push([where, value]);
	};
	for (const property of properties) {
		const where = `${path} › ${property.displayName || property.name}`;
		add(`${where} › displayName`, property.displayName);
		add(`${where} › description`, property.description);
		add(`${where} › hint`, property.hint);
		add(`${where} › placeholder`, property.placeholder);
		for (const option of property.options ?? []) {
			if ('type' in option) {
				texts.push(...parameterTexts([option as INodeProperties], `${where} › options`));
			} else if ('values' in option) {
				const collection = option as INodePropertyCollection;
				add(`${where} › ${collection.name} › displayName`, collection.displayName);
				texts.push(...parameterTexts(collection.values, `${where} › ${collection.name}`));
			} else {
				const choice = option as INodePropertyOptions;
				add(`${where} › ${choice.name} › name`, choice.name);
				add(`${where} › ${choice.name} › description`, choice.description);
				add(`${where} › ${choice.name} › action`, choice.action);
			}
		}
	}
	return texts;
}

const nodes = declared<{ description: INodeTypeDescription }>('nodes');
const credentials = declared<ICredentialType>('credentials');

describe.each(nodes)('what $label shows in the editor', ({ instance: { description } }) => {
	test('holds no angle brackets outside the links n8n allows', () => {
		const texts: Array<[string, string]> = [
			['displayName', description.displayName],
			['description', description.description],
			...parameterTexts(description.properties, 'parameters'),
		];
		expect(texts.length).toBeGreaterThan(2);
		const found = texts.filter(([, text]) => htmlSignificant(text).length > 0);
		expect(found).toEqual([]);
	});
});

describe.each(credentials)('what credential $label shows', ({ instance: credential }) => {
	test('holds no angle brackets outside the links n8n allows', () => {
		const texts: Array<[string, string]> = [
			['displayName', credential.displayName],
			...parameterTexts(credential.properties, 'fields'),
		];
		const found = texts.filter(([, text]) => htmlSignificant(text).length > 0);
		expect(found).toEqual([]);
	});
});

describe('phone-number errors', () => {
	test.each(['0761234567', '555-1234', '12345abc', '+65 9123 45x7', '+0123456789', '+1234'])(
		'for %p show how to write the number with a real one, and no angle brackets',
		(input) => {
			const check = checkPhoneNumber(input);
			if (check.valid) throw new Error(`${input} was accepted`);
			expect(check.reason).toContain(`like ${EXAMPLE_PHONE_NUMBER}`);
			expect(htmlSignificant(check.reason)).toEqual([]);
		},
	);

	test('the example number is itself a valid number', () => {
		expect(checkPhoneNumber(EXAMPLE_PHONE_NUMBER)).toEqual({
			valid: true,
			number: EXAMPLE_PHONE_NUMBER,
		});
	});
});

describe('the check itself', () => {
	test('finds angle brackets, raw or encoded, and lets n8n’s own link through', () => {
		expect(htmlSignificant('write it as +<country code><number>')).toHaveLength(4);
		expect(htmlSignificant('https://&lt;space&gt;.allthingstalk.io')).toEqual(['&lt;', '&gt;']);
		expect(
			htmlSignificant(
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			),
		).toEqual([]);
	});
});
