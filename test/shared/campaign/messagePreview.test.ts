import { previewMessage, segmentLimitProblem } from '../../../nodes/shared/campaign';

const a = (count: number) => 'a'.repeat(count);
const ya = (count: number) => 'я'.repeat(count);

describe('previewMessage: GSM-7', () => {
	test('a plain text is GSM-7, one character per letter', () => {
		expect(previewMessage('Hello, world!')).toEqual({
			encoding: 'GSM-7',
			characters: 13,
			segments: 1,
			nonGsmCharacters: [],
		});
	});

	test('accented letters of the GSM alphabet keep a text GSM-7', () => {
		expect(previewMessage('Grüße aus Zürich, ¿qué tal? Ça va. Ø £5 §3 ΔΩ')).toMatchObject({
			encoding: 'GSM-7',
		});
	});

	test.each([
		[160, 1],
		[161, 2],
		[153 * 2, 2],
		[153 * 2 + 1, 3],
		[153 * 3, 3],
		[153 * 3 + 1, 4],
	])('%i characters take %i segments', (length, segments) => {
		expect(previewMessage(a(length))).toMatchObject({
			encoding: 'GSM-7',
			characters: length,
			segments,
		});
	});

	test('each extension character counts twice', () => {
		expect(previewMessage('^{}\\[~]|€\f')).toMatchObject({
			encoding: 'GSM-7',
			characters: 20,
			segments: 1,
		});
		expect(previewMessage(`${a(158)}€`)).toMatchObject({ characters: 160, segments: 1 });
		expect(previewMessage(`${a(159)}€`)).toMatchObject({ characters: 161, segments: 2 });
	});

	test('an extension character never straddles two segments', () => {
		// 306 characters would fill two segments exactly, but the € does not fit at the end of the first.
		expect(previewMessage(`${a(152)}€${a(152)}`)).toMatchObject({
			characters: 306,
			segments: 3,
		});
		expect(previewMessage(`${a(151)}€${a(153)}`)).toMatchObject({
			characters: 306,
			segments: 2,
		});
	});

	test('an empty text still goes as one SMS', () => {
		expect(previewMessage('')).toEqual({
			encoding: 'GSM-7',
			characters: 0,
			segments: 1,
			nonGsmCharacters: [],
		});
	});
});

describe('previewMessage: UCS-2', () => {
	test('one character outside the GSM alphabet makes the whole text UCS-2 and names it', () => {
		expect(previewMessage('It’s ready, façade')).toEqual({
			encoding: 'UCS-2',
			characters: 18,
			segments: 1,
			nonGsmCharacters: ['’', 'ç'],
		});
	});

	test.each([
		[70, 1],
		[71, 2],
		[67 * 2, 2],
		[67 * 2 + 1, 3],
	])('%i Cyrillic characters take %i segments', (length, segments) => {
		expect(previewMessage(ya(length))).toMatchObject({
			encoding: 'UCS-2',
			characters: length,
			segments,
		});
	});

	test('an emoji counts as two characters, as UTF-16 has it', () => {
		expect(previewMessage('👍')).toEqual({
			encoding: 'UCS-2',
			characters: 2,
			segments: 1,
			nonGsmCharacters: ['👍'],
		});
		expect(previewMessage(`${a(68)}👍`)).toMatchObject({ characters: 70, segments: 1 });
		expect(previewMessage(`${a(69)}👍`)).toMatchObject({ characters: 71, segments: 2 });
	});

	test('an emoji never straddles two segments', () => {
		expect(previewMessage(`${ya(66)}👍${ya(66)}`)).toMatchObject({
			characters: 134,
			segments: 3,
		});
	});

	test('GSM extension characters count once in a UCS-2 text', () => {
		expect(previewMessage('€ 👍')).toMatchObject({ encoding: 'UCS-2', characters: 4 });
	});
});

describe('segmentLimitProblem', () => {
	test('lets a text within the limit through', () => {
		expect(segmentLimitProblem(previewMessage(a(160)), 1)).toBeUndefined();
		expect(segmentLimitProblem(previewMessage(a(306)), 2)).toBeUndefined();
	});

	test('says how long a GSM-7 text is and what the limit holds', () => {
		expect(segmentLimitProblem(previewMessage(a(161)), 1)).toBe(
			'takes 2 SMS segments (161 GSM-7 characters), more than the 1 allowed, which hold 160',
		);
		expect(segmentLimitProblem(previewMessage(a(307)), 2)).toBe(
			'takes 3 SMS segments (307 GSM-7 characters), more than the 2 allowed, which hold 306',
		);
	});

	test('names the characters that made a text UCS-2', () => {
		expect(segmentLimitProblem(previewMessage(`${a(70)}’`), 1)).toBe(
			'takes 2 SMS segments (71 UCS-2 characters), more than the 1 allowed, which hold 70; it is UCS-2 because of "’"',
		);
	});
});
