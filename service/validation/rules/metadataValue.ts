import type { JsonNode } from '../../json/ast';
import type { MetadataField } from '../../metadata/catalog';
import { closestMatch, listWords } from '../../text/suggest';
import type { RowCheck } from '../rowCheck';
import { formatCount } from '../../../common/formatCount';

export const MAX_STRING_METADATA_LENGTH = 4096;
export const EMBEDDING_LENGTH = 128;

/** ISO 8601 date with optional time and offset, as the SDK's date parser reads it. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface ParsedDateTime {
  /** Milliseconds since the epoch, in UTC. */
  time: number;
  /** The offset as written, or undefined when none was given (read as UTC). */
  offset: string | undefined;
}

export function parseIsoDateTime(text: string): ParsedDateTime | undefined {
  const canonical = parseCanonicalUtc(text);
  if (canonical) return canonical;
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', offset] = match;
  const base = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const date = new Date(base);
  // Date.UTC rolls 2024-02-31 over to March; a real date survives the round trip.
  if (date.getUTCMonth() !== +month - 1 || date.getUTCDate() !== +day || +hour > 23 || +minute > 59 || +second > 59) return undefined;
  let shift = 0;
  if (offset && offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    shift = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return { time: base - shift, offset };
}

/**
 * Labelbox's own form, "2024-05-02T07:45:10Z", read by hand: most date-time values are written
 * so, and this is cheaper than the general expression. Undefined for anything else (including
 * a date that does not exist), which the general reading then decides.
 */
function parseCanonicalUtc(text: string): ParsedDateTime | undefined {
  if (!isCanonicalUtc(text)) return undefined;
  const time = Date.UTC(
    digitsAt(text, 0, 4),
    digitsAt(text, 5, 2) - 1,
    digitsAt(text, 8, 2),
    digitsAt(text, 11, 2),
    digitsAt(text, 14, 2),
    digitsAt(text, 17, 2),
  );
  return { time, offset: text[19] };
}

/** Whether the text is a date-time that exists, written in Labelbox's own form (UTC): no Date is made, which costs more than the test. */
export function isCanonicalUtc(text: string): boolean {
  if (text.length !== 20 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON)
    return false;
  const t = text.charCodeAt(10);
  const z = text.charCodeAt(19);
  if ((t | 0x20) !== 0x74 || (z | 0x20) !== 0x7a) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  // Date.UTC reads years below 100 as 19xx: those are left to the general reading.
  return (
    year >= 100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

const DASH = 0x2d;
const COLON = 0x3a;

/** The decimal number of `count` digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function isUtc(offset: string | undefined): boolean {
  return !offset || /^(Z|[+-]00(:?00)?)$/i.test(offset);
}

/** Labelbox's own form: seconds precision, UTC. */
export function formatUtc(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What makes two options of an enum field the same: the option's id, whether given by name or id. */
export function optionIdentity(field: MetadataField, text: string): string {
  return field.options.find((option) => option.name === text)?.id ?? text;
}

/** A metadata value against its field's kind; enum values against the field's options. */
export function checkMetadataValue(check: RowCheck, field: MetadataField, value: JsonNode, byId: boolean): void {
  // null, booleans and objects are never metadata values: the schema already reports them.
  if (value.type !== 'string' && value.type !== 'number' && value.type !== 'array') return;
  const name = `"${field.name}"`;
  switch (field.kind) {
    case 'string':
      if (value.type !== 'string') {
        check.report(value, 'invalid-metadata-value', `${name} is a text field: its value must be a string.`);
      } else if (value.value.length > MAX_STRING_METADATA_LENGTH) {
        // SDK 7.2.0 (August 2025) stopped enforcing the limit; earlier versions raise.
        check.report(
          value,
          'invalid-metadata-value',
          `${name} values can have at most 4,096 characters per the docs; this one has ${formatCount(value.value.length)}. SDK versions before 7.2.0 reject it; 7.2.0 and later no longer check.`,
          { severity: 'warning' },
        );
      }
      return;
    case 'number':
      checkNumberValue(check, name, value);
      return;
    case 'datetime':
      checkDateTimeValue(check, name, value);
      return;
    case 'enum':
      checkEnumValue(check, field, value, byId);
      return;
    case 'embedding':
      if (value.type !== 'array' || value.items.length !== EMBEDDING_LENGTH || value.items.some((item) => item.type !== 'number')) {
        check.report(value, 'invalid-metadata-value', `${name} needs exactly ${EMBEDDING_LENGTH} numbers.`);
      }
      return;
  }
}

/**
 * Python's float() reads decimal numbers with spaces around them (underscores only between
 * digits), and inf and nan. Written so that no character can be read two ways: linear time.
 */
const PYTHON_FLOAT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:e[+-]?\d+(?:_\d+)*)?|inf(?:inity)?|nan)\s*$/i;

/** The SDK converts the value with float(): a numeric string passes it, anything else fails. */
function checkNumberValue(check: RowCheck, name: string, value: JsonNode): void {
  if (value.type === 'number') return;
  if (value.type === 'string' && PYTHON_FLOAT.test(value.value) && Number.isFinite(Number(value.value.replace(/_/g, '')))) {
    check.report(
      value,
      'invalid-metadata-value',
      `${name} is a number field and this is a string. Labelbox's Python SDK converts it (float()); the web app's upload is not confirmed to. Write it as a JSON number.`,
      {
        severity: 'warning',
        fixes: [{ kind: 'replace', title: `Change to ${Number(value.value.replace(/_/g, ''))}`, text: String(Number(value.value.replace(/_/g, ''))) }],
      },
    );
  } else {
    check.report(value, 'invalid-metadata-value', `${name} is a number field: its value must be a number.`);
  }
}

/** Words dateutil (the SDK's date parser) reads as parts of a date. */
const DATE_WORDS = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i;

/**
 * ISO 8601 in UTC is what the docs ask for. The SDK parses leniently (dateutil) and converts to
 * UTC, so other forms pass it: a warning. A string with no digit and no month or day name is
 * something dateutil cannot read: the SDK raises.
 */
function checkDateTimeValue(check: RowCheck, name: string, value: JsonNode): void {
  if (value.type !== 'string') {
    check.report(value, 'invalid-metadata-value', `${name} is a date-time field: its value must be an ISO 8601 string such as "2024-05-02T07:45:10Z".`);
    return;
  }
  const parsed = parseIsoDateTime(value.value);
  if (!parsed) {
    if (/\d/.test(value.value) || DATE_WORDS.test(value.value)) {
      check.report(
        value,
        'invalid-metadata-value',
        `${name} needs an ISO 8601 date-time in UTC, such as "2024-05-02T07:45:10Z"; "${value.value}" is not one. Labelbox's Python SDK guesses how to read it (day and month may come out swapped); the web app's upload is not confirmed to accept it.`,
        { severity: 'warning' },
      );
    } else {
      check.report(
        value,
        'invalid-metadata-value',
        `${name} needs an ISO 8601 date-time in UTC, such as "2024-05-02T07:45:10Z"; "${value.value}" is not a date, and Labelbox's SDK rejects it.`,
      );
    }
  } else if (!isUtc(parsed.offset)) {
    const utc = formatUtc(parsed.time);
    check.report(
      value,
      'invalid-metadata-value',
      `${name} should be in UTC (the docs), and this time has the offset ${parsed.offset}; the Python SDK converts it, the web app's upload is not confirmed to. In UTC it is "${utc}".`,
      {
        severity: 'warning',
        fixes: [{ kind: 'replace', title: `Change to "${utc}"`, text: JSON.stringify(utc) }],
      },
    );
  }
}

function checkEnumValue(check: RowCheck, field: MetadataField, value: JsonNode, byId: boolean): void {
  const name = `"${field.name}"`;
  if (value.type !== 'string') {
    check.report(value, 'invalid-metadata-value', `${name} is an enum field: its value must be the id${byId ? '' : ' or the name'} of one of its options.`);
    return;
  }
  if (!field.options.length) return; // options unknown: nothing to compare with
  const text = value.value;
  if (field.options.some((option) => option.id === text)) return;
  const byName = field.options.find((option) => option.name === text);
  if (byName) {
    if (!byId) return;
    // With schema_id the SDK takes the value as an option id and never resolves option names.
    check.report(
      value,
      'invalid-metadata-value',
      `When the field is given by schema id, the value must be the option's id: "${byName.id}" for "${byName.name}". Option names are only understood with "name".`,
      {
        fixes: [{ kind: 'replace', title: `Change to the id of "${byName.name}"`, text: JSON.stringify(byName.id) }],
      },
    );
    return;
  }
  const elsewhere = check.context.catalog.optionById(text);
  if (elsewhere && elsewhere.field !== field) {
    check.report(
      value,
      'invalid-metadata-value',
      `"${text}" is the id of the option "${elsewhere.option.name}" of another field, "${elsewhere.field.name}". ${name} has the options ${listWords(field.options.map((option) => `"${option.name}"`))}.`,
    );
    return;
  }
  const suggestion = closestMatch(
    text,
    field.options.map((option) => option.name),
  );
  const suggested = suggestion && field.options.find((option) => option.name === suggestion);
  const replacement = suggested ? (byId ? suggested.id : suggested.name) : undefined;
  check.report(
    value,
    'invalid-metadata-value',
    `${name} has no option "${text}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Its options are ${listWords(field.options.map((option) => (byId ? `"${option.id}" (${option.name})` : `"${option.name}"`)))}.`,
    { fixes: replacement ? [{ kind: 'replace', title: `Change to "${replacement}"`, text: JSON.stringify(replacement) }] : [] },
  );
}
