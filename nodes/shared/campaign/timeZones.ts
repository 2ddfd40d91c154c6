/**
 * The time zone a phone number's owner most likely lives in, read from the number's E.164 prefix.
 *
 * Source: the country calling codes of ITU-T E.164 (ITU Operational Bulletin, "List of ITU-T
 * Recommendation E.164 assigned country codes"), the North American Numbering Plan's area codes for
 * the countries and territories that share +1, and for each country its zone in the IANA time zone
 * database (zone1970.tab). A country with one zone maps straight to it. A country with several gets
 * its most populous zone as the default (marked "several zones" below, with what it leaves out); the
 * item's own time zone overrides it. Where the digits after the country code name a region for
 * mobile numbers too (Brazil's area codes, Mayotte within +262), a longer prefix refines the default.
 *
 * To extend: add `'<prefix>': '<IANA zone>'`. The longest matching prefix wins, so a refinement is a
 * longer key beside its country's; add the country code to `SEVERAL_ZONES` when its zone is a default.
 * The test suite checks that every zone here is one the running Node.js knows.
 */
const ZONE_BY_PREFIX: Readonly<Record<string, string>> = {
	// 1: North American Numbering Plan
	'1': 'America/New_York', // US, CA: several zones; Eastern has the most people
	'1242': 'America/Nassau', // BS
	'1246': 'America/Barbados', // BB
	'1264': 'America/Anguilla', // AI
	'1268': 'America/Antigua', // AG
	'1284': 'America/Tortola', // VG
	'1340': 'America/St_Thomas', // VI
	'1345': 'America/Cayman', // KY
	'1441': 'Atlantic/Bermuda', // BM
	'1473': 'America/Grenada', // GD
	'1649': 'America/Grand_Turk', // TC
	'1658': 'America/Jamaica', // JM
	'1664': 'America/Montserrat', // MS
	'1670': 'Pacific/Saipan', // MP
	'1671': 'Pacific/Guam', // GU
	'1684': 'Pacific/Pago_Pago', // AS
	'1721': 'America/Lower_Princes', // SX
	'1758': 'America/St_Lucia', // LC
	'1767': 'America/Dominica', // DM
	'1784': 'America/St_Vincent', // VC
	'1787': 'America/Puerto_Rico', // PR
	'1808': 'Pacific/Honolulu', // US: Hawaii
	'1809': 'America/Santo_Domingo', // DO
	'1829': 'America/Santo_Domingo', // DO
	'1849': 'America/Santo_Domingo', // DO
	'1868': 'America/Port_of_Spain', // TT
	'1869': 'America/St_Kitts', // KN
	'1876': 'America/Jamaica', // JM
	'1907': 'America/Anchorage', // US: Alaska
	'1939': 'America/Puerto_Rico', // PR

	// 2: Africa and a few islands
	'20': 'Africa/Cairo', // EG
	'211': 'Africa/Juba', // SS
	'212': 'Africa/Casablanca', // MA
	'213': 'Africa/Algiers', // DZ
	'216': 'Africa/Tunis', // TN
	'218': 'Africa/Tripoli', // LY
	'220': 'Africa/Banjul', // GM
	'221': 'Africa/Dakar', // SN
	'222': 'Africa/Nouakchott', // MR
	'223': 'Africa/Bamako', // ML
	'224': 'Africa/Conakry', // GN
	'225': 'Africa/Abidjan', // CI
	'226': 'Africa/Ouagadougou', // BF
	'227': 'Africa/Niamey', // NE
	'228': 'Africa/Lome', // TG
	'229': 'Africa/Porto-Novo', // BJ
	'230': 'Indian/Mauritius', // MU
	'231': 'Africa/Monrovia', // LR
	'232': 'Africa/Freetown', // SL
	'233': 'Africa/Accra', // GH
	'234': 'Africa/Lagos', // NG
	'235': 'Africa/Ndjamena', // TD
	'236': 'Africa/Bangui', // CF
	'237': 'Africa/Douala', // CM
	'238': 'Atlantic/Cape_Verde', // CV
	'239': 'Africa/Sao_Tome', // ST
	'240': 'Africa/Malabo', // GQ
	'241': 'Africa/Libreville', // GA
	'242': 'Africa/Brazzaville', // CG
	'243': 'Africa/Kinshasa', // CD: several zones; the East (Lubumbashi) is an hour ahead
	'244': 'Africa/Luanda', // AO
	'245': 'Africa/Bissau', // GW
	'246': 'Indian/Chagos', // IO
	'247': 'Atlantic/St_Helena', // AC (Ascension keeps the same time)
	'248': 'Indian/Mahe', // SC
	'249': 'Africa/Khartoum', // SD
	'250': 'Africa/Kigali', // RW
	'251': 'Africa/Addis_Ababa', // ET
	'252': 'Africa/Mogadishu', // SO
	'253': 'Africa/Djibouti', // DJ
	'254': 'Africa/Nairobi', // KE
	'255': 'Africa/Dar_es_Salaam', // TZ
	'256': 'Africa/Kampala', // UG
	'257': 'Africa/Bujumbura', // BI
	'258': 'Africa/Maputo', // MZ
	'260': 'Africa/Lusaka', // ZM
	'261': 'Indian/Antananarivo', // MG
	'262': 'Indian/Reunion', // RE
	'262269': 'Indian/Mayotte', // YT landlines
	'262639': 'Indian/Mayotte', // YT mobiles
	'263': 'Africa/Harare', // ZW
	'264': 'Africa/Windhoek', // NA
	'265': 'Africa/Blantyre', // MW
	'266': 'Africa/Maseru', // LS
	'267': 'Africa/Gaborone', // BW
	'268': 'Africa/Mbabane', // SZ
	'269': 'Indian/Comoro', // KM
	'27': 'Africa/Johannesburg', // ZA
	'290': 'Atlantic/St_Helena', // SH
	'291': 'Africa/Asmara', // ER
	'297': 'America/Aruba', // AW
	'298': 'Atlantic/Faroe', // FO
	'299': 'America/Nuuk', // GL: several zones; Nuuk has most people

	// 3 and 4: Europe
	'30': 'Europe/Athens', // GR
	'31': 'Europe/Amsterdam', // NL
	'32': 'Europe/Brussels', // BE
	'33': 'Europe/Paris', // FR (overseas departments have country codes of their own)
	'34': 'Europe/Madrid', // ES: several zones; the Canary Islands are an hour behind
	'350': 'Europe/Gibraltar', // GI
	'351': 'Europe/Lisbon', // PT: several zones; the Azores are an hour behind
	'352': 'Europe/Luxembourg', // LU
	'353': 'Europe/Dublin', // IE
	'354': 'Atlantic/Reykjavik', // IS
	'355': 'Europe/Tirane', // AL
	'356': 'Europe/Malta', // MT
	'357': 'Asia/Nicosia', // CY
	'358': 'Europe/Helsinki', // FI, AX
	'359': 'Europe/Sofia', // BG
	'36': 'Europe/Budapest', // HU
	'370': 'Europe/Vilnius', // LT
	'371': 'Europe/Riga', // LV
	'372': 'Europe/Tallinn', // EE
	'373': 'Europe/Chisinau', // MD
	'374': 'Asia/Yerevan', // AM
	'375': 'Europe/Minsk', // BY
	'376': 'Europe/Andorra', // AD
	'377': 'Europe/Monaco', // MC
	'378': 'Europe/San_Marino', // SM
	'380': 'Europe/Kyiv', // UA
	'381': 'Europe/Belgrade', // RS
	'382': 'Europe/Podgorica', // ME
	'383': 'Europe/Belgrade', // XK (no zone of its own; same time as Belgrade)
	'385': 'Europe/Zagreb', // HR
	'386': 'Europe/Ljubljana', // SI
	'387': 'Europe/Sarajevo', // BA
	'389': 'Europe/Skopje', // MK
	'39': 'Europe/Rome', // IT, VA
	'40': 'Europe/Bucharest', // RO
	'41': 'Europe/Zurich', // CH
	'420': 'Europe/Prague', // CZ
	'421': 'Europe/Bratislava', // SK
	'423': 'Europe/Vaduz', // LI
	'43': 'Europe/Vienna', // AT
	'44': 'Europe/London', // GB, GG, JE, IM
	'45': 'Europe/Copenhagen', // DK
	'46': 'Europe/Stockholm', // SE
	'47': 'Europe/Oslo', // NO, SJ
	'48': 'Europe/Warsaw', // PL
	'49': 'Europe/Berlin', // DE

	// 5: the Americas south of the US
	'500': 'Atlantic/Stanley', // FK
	'501': 'America/Belize', // BZ
	'502': 'America/Guatemala', // GT
	'503': 'America/El_Salvador', // SV
	'504': 'America/Tegucigalpa', // HN
	'505': 'America/Managua', // NI
	'506': 'America/Costa_Rica', // CR
	'507': 'America/Panama', // PA
	'508': 'America/Miquelon', // PM
	'509': 'America/Port-au-Prince', // HT
	'51': 'America/Lima', // PE
	'52': 'America/Mexico_City', // MX: several zones; Baja California, Sonora and Quintana Roo differ
	'53': 'America/Havana', // CU
	'54': 'America/Argentina/Buenos_Aires', // AR (one time for the whole country)
	'55': 'America/Sao_Paulo', // BR: several zones; Brasília time, refined by area code below
	'5565': 'America/Cuiaba', // BR: Mato Grosso
	'5566': 'America/Cuiaba', // BR: Mato Grosso
	'5567': 'America/Campo_Grande', // BR: Mato Grosso do Sul
	'5568': 'America/Rio_Branco', // BR: Acre
	'5569': 'America/Porto_Velho', // BR: Rondônia
	'5592': 'America/Manaus', // BR: Amazonas
	'5595': 'America/Boa_Vista', // BR: Roraima
	'5597': 'America/Manaus', // BR: Amazonas
	'56': 'America/Santiago', // CL: several zones; Easter Island and Magallanes differ
	'57': 'America/Bogota', // CO
	'58': 'America/Caracas', // VE
	'590': 'America/Guadeloupe', // GP, BL, MF
	'591': 'America/La_Paz', // BO
	'592': 'America/Guyana', // GY
	'593': 'America/Guayaquil', // EC: several zones; the Galápagos are an hour behind
	'594': 'America/Cayenne', // GF
	'595': 'America/Asuncion', // PY
	'596': 'America/Martinique', // MQ
	'597': 'America/Paramaribo', // SR
	'598': 'America/Montevideo', // UY
	'599': 'America/Curacao', // CW, BQ

	// 6: South-East Asia and Oceania
	'60': 'Asia/Kuala_Lumpur', // MY
	'61': 'Australia/Sydney', // AU: several zones; mobile numbers do not tell the state
	'62': 'Asia/Jakarta', // ID: several zones; Western Indonesia has the most people
	'63': 'Asia/Manila', // PH
	'64': 'Pacific/Auckland', // NZ: several zones; the Chatham Islands differ
	'65': 'Asia/Singapore', // SG
	'66': 'Asia/Bangkok', // TH
	'670': 'Asia/Dili', // TL
	'6723': 'Pacific/Norfolk', // NF
	'673': 'Asia/Brunei', // BN
	'674': 'Pacific/Nauru', // NR
	'675': 'Pacific/Port_Moresby', // PG: several zones; Bougainville is an hour ahead
	'676': 'Pacific/Tongatapu', // TO
	'677': 'Pacific/Guadalcanal', // SB
	'678': 'Pacific/Efate', // VU
	'679': 'Pacific/Fiji', // FJ
	'680': 'Pacific/Palau', // PW
	'681': 'Pacific/Wallis', // WF
	'682': 'Pacific/Rarotonga', // CK
	'683': 'Pacific/Niue', // NU
	'685': 'Pacific/Apia', // WS
	'686': 'Pacific/Tarawa', // KI: several zones; the Phoenix and Line Islands are ahead
	'687': 'Pacific/Noumea', // NC
	'688': 'Pacific/Funafuti', // TV
	'689': 'Pacific/Tahiti', // PF: several zones; the Marquesas and Gambier differ
	'690': 'Pacific/Fakaofo', // TK
	'691': 'Pacific/Pohnpei', // FM: several zones; Chuuk and Yap are an hour behind
	'692': 'Pacific/Majuro', // MH

	// 7: Russia and Kazakhstan
	'7': 'Europe/Moscow', // RU: several zones (eleven); Moscow time has the most people
	'76': 'Asia/Almaty', // KZ (one zone since March 2024)
	'77': 'Asia/Almaty', // KZ

	// 8: East Asia
	'81': 'Asia/Tokyo', // JP
	'82': 'Asia/Seoul', // KR
	'84': 'Asia/Ho_Chi_Minh', // VN
	'850': 'Asia/Pyongyang', // KP
	'852': 'Asia/Hong_Kong', // HK
	'853': 'Asia/Macau', // MO
	'855': 'Asia/Phnom_Penh', // KH
	'856': 'Asia/Vientiane', // LA
	'86': 'Asia/Shanghai', // CN
	'880': 'Asia/Dhaka', // BD
	'886': 'Asia/Taipei', // TW

	// 9: West, Central and South Asia
	'90': 'Europe/Istanbul', // TR
	'91': 'Asia/Kolkata', // IN
	'92': 'Asia/Karachi', // PK
	'93': 'Asia/Kabul', // AF
	'94': 'Asia/Colombo', // LK
	'95': 'Asia/Yangon', // MM
	'960': 'Indian/Maldives', // MV
	'961': 'Asia/Beirut', // LB
	'962': 'Asia/Amman', // JO
	'963': 'Asia/Damascus', // SY
	'964': 'Asia/Baghdad', // IQ
	'965': 'Asia/Kuwait', // KW
	'966': 'Asia/Riyadh', // SA
	'967': 'Asia/Aden', // YE
	'968': 'Asia/Muscat', // OM
	'970': 'Asia/Hebron', // PS
	'971': 'Asia/Dubai', // AE
	'972': 'Asia/Jerusalem', // IL
	'973': 'Asia/Bahrain', // BH
	'974': 'Asia/Qatar', // QA
	'975': 'Asia/Thimphu', // BT
	'976': 'Asia/Ulaanbaatar', // MN: several zones; the far west (Hovd) is an hour behind
	'977': 'Asia/Kathmandu', // NP
	'98': 'Asia/Tehran', // IR
	'992': 'Asia/Dushanbe', // TJ
	'993': 'Asia/Ashgabat', // TM
	'994': 'Asia/Baku', // AZ
	'995': 'Asia/Tbilisi', // GE
	'996': 'Asia/Bishkek', // KG
	'998': 'Asia/Tashkent', // UZ
};

/** Prefixes whose zone is a default for a country with several zones (see the table's comments). */
const SEVERAL_ZONES: ReadonlySet<string> = new Set([
	'1',
	'7',
	'34',
	'351',
	'52',
	'55',
	'56',
	'593',
	'61',
	'62',
	'64',
	'675',
	'686',
	'689',
	'691',
	'243',
	'299',
	'976',
]);

const LONGEST_PREFIX = Math.max(...Object.keys(ZONE_BY_PREFIX).map((prefix) => prefix.length));

export interface NumberTimeZone {
	/** The table entry that matched: a country calling code, or a longer prefix within one. */
	prefix: string;
	timeZone: string;
	/** The zone is the default of a country with several zones: an item time zone is more precise. */
	countryDefault: boolean;
}

/** The time zone for an E.164 number (`+` and digits), or undefined when its prefix is not listed. */
export function timeZoneOfNumber(e164: string): NumberTimeZone | undefined {
	const digits = e164.startsWith('+') ? e164.slice(1) : e164;
	if (!/^\d+$/.test(digits)) return undefined;
	for (let length = Math.min(LONGEST_PREFIX, digits.length); length > 0; length--) {
		const prefix = digits.slice(0, length);
		const timeZone = ZONE_BY_PREFIX[prefix];
		if (timeZone !== undefined)
			return { prefix, timeZone, countryDefault: SEVERAL_ZONES.has(prefix) };
	}
	return undefined;
}

/** Every zone the table names, for checks that the running Node.js knows them all. */
export function tabledTimeZones(): string[] {
	return [...new Set(Object.values(ZONE_BY_PREFIX))];
}

export type TimeZoneCheck = { valid: true; timeZone: string } | { valid: false; reason: string };

/**
 * An IANA time zone name (`Asia/Singapore`, `UTC`, or an offset such as `+08:00`) as the running
 * Node.js knows it; the name keeps the user's spelling unless only its case differs, because Node
 * turns newer names back into old aliases (`Asia/Kolkata` into `Asia/Calcutta`).
 */
export function checkTimeZone(input: unknown): TimeZoneCheck {
	if (typeof input !== 'string' || input.trim() === '')
		return { valid: false, reason: `is not a time zone name (${JSON.stringify(input)})` };
	const name = input.trim();
	let resolved: string;
	try {
		resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return {
			valid: false,
			reason: `"${name}" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York`,
		};
	}
	return { valid: true, timeZone: resolved.toLowerCase() === name.toLowerCase() ? resolved : name };
}
