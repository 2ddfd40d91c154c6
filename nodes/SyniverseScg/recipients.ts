import { checkPhoneNumber } from '../shared/phone';

/** A recipient the API takes as it is written: `contact:<id>`, `group:<id>`, Facebook and WeChat. */
const REFERENCE = /^(contact|group|fb|we):\s*(\S.*)$/i;
const VOICE = /^voice:\s*(.+)$/i;

export interface SkippedRecipient {
	recipient: string;
	reason: string;
}

export interface RecipientCheck {
	/** What goes into `to`, in order, without duplicates. */
	to: string[];
	invalid: SkippedRecipient[];
}

/** Splits what users give: a list, or a text with commas, semicolons or line breaks. */
export function recipientEntries(value: unknown): string[] {
	const list = Array.isArray(value) ? value : [value];
	return list
		.flatMap((entry) => String(entry ?? '').split(/[,;\n]/))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/**
 * Checks each recipient: phone numbers are normalised to E.164 (`+` and digits), `contact:` and
 * `group:` references keep their ID, `voice:` numbers are normalised too.
 */
export function checkRecipients(entries: string[], defaultCountryCode?: string): RecipientCheck {
	const to: string[] = [];
	const invalid: SkippedRecipient[] = [];
	const add = (recipient: string) => {
		if (!to.includes(recipient)) to.push(recipient);
	};
	for (const entry of entries) {
		const reference = REFERENCE.exec(entry);
		if (reference) {
			add(`${reference[1].toLowerCase()}:${reference[2].trim()}`);
			continue;
		}
		const voice = VOICE.exec(entry);
		const check = checkPhoneNumber(voice ? voice[1] : entry, { defaultCountryCode });
		if (check.valid) add(voice ? `voice:${check.number}` : check.number);
		else
			invalid.push({
				recipient: entry,
				reason: check.reason.startsWith('"') ? check.reason : `"${entry}" ${check.reason}`,
			});
	}
	return { to, invalid };
}
