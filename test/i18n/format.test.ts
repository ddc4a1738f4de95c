import { describe, expect, it } from 'vitest';
import { argumentNames, formatMessage, localeFormats, MessageSyntaxError } from '../../src/domain/i18n/format.ts';
import { makeTranslator } from '../../src/domain/i18n/translator.ts';

const en = localeFormats('en');
const es = localeFormats('es');

describe('messages', () => {
  it('puts values in, formatting numbers and dates for the locale', () => {
    expect(formatMessage('Hello, {name}!', { name: 'Ana' }, en)).toBe('Hello, Ana!');
    expect(formatMessage('{n, number} rows', { n: 1234567.5 }, en)).toBe('1,234,567.5 rows');
    expect(formatMessage('{n, number} filas', { n: 1234567.5 }, es)).toBe('1.234.567,5 filas');
    expect(formatMessage('updated {d, date}', { d: '2026-03-05' }, en)).toBe('updated Mar 5, 2026');
    expect(formatMessage('actualizado el {d, date}', { d: '2026-03-05T23:59:00Z' }, es)).toBe('actualizado el 5 mar 2026');
    expect(formatMessage('{missing} and {n}', { n: 5 }, en)).toBe(' and 5');
  });

  it('chooses plural forms by the language’s rules, with exact matches first', () => {
    const m = '{count, plural, =0 {no rows} one {# row} other {# rows}}';
    expect(formatMessage(m, { count: 0 }, en)).toBe('no rows');
    expect(formatMessage(m, { count: 1 }, en)).toBe('1 row');
    expect(formatMessage(m, { count: 21000 }, en)).toBe('21,000 rows');
    expect(formatMessage('{count, plural, one {# fila} other {# filas}}', { count: 21000 }, es)).toBe('21.000 filas');
    expect(formatMessage('{k, select, file {a file} link {a link} other {something}}', { k: 'link' }, en)).toBe('a link');
    expect(formatMessage('{k, select, file {a file} other {something}}', { k: 'api' }, en)).toBe('something');
    expect(formatMessage('{k, select, file {{count, plural, one {# file} other {# files}}} other {-}}', { k: 'file', count: 2 }, en)).toBe('2 files');
  });

  it('refuses a malformed message with where it went wrong', () => {
    expect(() => formatMessage('{count, plural, one {# row}}', {}, en)).toThrow(MessageSyntaxError);
    expect(() => formatMessage('a } b', {}, en)).toThrow(/unmatched/);
    expect(() => formatMessage('{n, currency}', {}, en)).toThrow(/unknown type/);
    expect(() => formatMessage('{n', {}, en)).toThrow(MessageSyntaxError);
  });

  it('lists the values a message asks for, so translations can be checked against the original', () => {
    expect(argumentNames('{a} {count, plural, one {# {b}} other {#}} {d, date}')).toEqual(['a', 'b', 'count', 'd']);
  });

  it('falls back to English, then to the key, and picks messages for the browser', () => {
    const t = makeTranslator('es', { 'a.one': 'uno' }, { 'a.one': 'one', 'a.two': 'two', 'b.x': 'x' });
    expect(t.t('a.one')).toBe('uno');
    expect(t.t('a.two')).toBe('two');
    expect(t.t('a.three')).toBe('a.three');
    expect(t.has('a.two')).toBe(true);
    expect(t.has('a.three')).toBe(false);
    expect(t.pick('a.')).toEqual({ 'a.one': 'uno', 'a.two': 'two' });
    expect(t.number(1500.25)).toBe('1500,25');
    expect(t.number(15000)).toBe('15.000');
    expect(t.date('2026-11-22')).toBe('22 nov 2026');
    expect(t.date('not a date')).toBe('not a date');
  });
});
