import { keywordFields, matchKeyword, parseKeywordLists } from '../../../nodes/shared/campaign';
import type { KeywordLists } from '../../../nodes/shared/campaign';

describe('matchKeyword with the default keywords', () => {
	test.each([
		['STOP', 'STOP'],
		['stop', 'STOP'],
		['  sToP \n', 'STOP'],
		['Stop.', 'STOP'],
		['STOP!!', 'STOP'],
		['stop ?', 'STOP'],
		['\tStopAll', 'STOPALL'],
		['unsubscribe', 'UNSUBSCRIBE'],
		['Cancel', 'CANCEL'],
		['end', 'END'],
		['QUIT.', 'QUIT'],
	])('%p opts out', (text, keyword) => {
		expect(matchKeyword(text)).toEqual({ kind: 'optOut', keyword });
	});

	test.each([
		['start', 'START'],
		[' Unstop ', 'UNSTOP'],
		['START!', 'START'],
	])('%p opts back in', (text, keyword) => {
		expect(matchKeyword(text)).toEqual({ kind: 'optIn', keyword });
	});

	test.each([
		'please stop',
		'stop sending me these',
		'STOP ALL',
		'S T O P',
		'¿stop',
		'stopp',
		'weekend',
		'',
		'   ',
		'!!!',
	])('%p is no keyword: only the whole text counts', (text) => {
		expect(matchKeyword(text)).toBeUndefined();
	});

	test('a missing text is no keyword', () => {
		expect(matchKeyword(undefined)).toBeUndefined();
		expect(matchKeyword(42)).toBeUndefined();
	});
});

describe('keywordFields', () => {
	test('marks a message with optOut or optIn, always both', () => {
		expect(keywordFields(' Stop ')).toEqual({ optOut: true, optIn: false });
		expect(keywordFields('START')).toEqual({ optOut: false, optIn: true });
		expect(keywordFields('Hello')).toEqual({ optOut: false, optIn: false });
	});
});

describe('parseKeywordLists: the lists a user edits', () => {
	function listsOf(optOut: unknown, optIn?: unknown): KeywordLists {
		const check = parseKeywordLists({ optOut, optIn });
		if (!check.valid) throw new Error(check.reason);
		return check.lists;
	}

	test('a comma-separated list replaces the defaults, in any case and spacing', () => {
		const lists = listsOf('stop, Arrêt ,opt  out,');
		expect(matchKeyword('ARRÊT', lists)).toEqual({ kind: 'optOut', keyword: 'ARRÊT' });
		expect(matchKeyword(' Opt out. ', lists)).toEqual({ kind: 'optOut', keyword: 'OPT OUT' });
		expect(matchKeyword('quit', lists)).toBeUndefined();
		// The opt-in list was left empty: its defaults stay.
		expect(matchKeyword('start', lists)).toEqual({ kind: 'optIn', keyword: 'START' });
	});

	test('a list from an expression works like the text', () => {
		const lists = listsOf(['halt'], ['resume']);
		expect(keywordFields('HALT', lists)).toEqual({ optOut: true, optIn: false });
		expect(keywordFields('Resume', lists)).toEqual({ optOut: false, optIn: true });
	});

	test('empty lists mean the default keywords', () => {
		const lists = listsOf('', ' , ');
		expect(matchKeyword('unsubscribe', lists)).toEqual({ kind: 'optOut', keyword: 'UNSUBSCRIBE' });
		expect(matchKeyword('unstop', lists)).toEqual({ kind: 'optIn', keyword: 'UNSTOP' });
	});

	test('refuses a keyword in both lists', () => {
		expect(parseKeywordLists({ optOut: 'STOP, start', optIn: 'Start, unstop' })).toEqual({
			valid: false,
			reason: '"START" cannot be both an opt-out and an opt-in keyword',
		});
	});
});
