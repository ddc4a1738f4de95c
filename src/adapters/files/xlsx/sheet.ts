import type { AppError } from '../../../domain/errors.ts';
import { expandsPastLimit } from '../../../domain/ingest/limits.ts';
import { columnLetters, columnNumber, splitRef } from './cells.ts';
import { isoText, serialToText } from './dates.ts';
import { cellTooLong, columnTooFar, damaged, MAX_CELL_CHARS, quoted, rowTooLong } from './messages.ts';
import type { SharedStrings } from './shared-strings.ts';
import type { DateStyles } from './styles.ts';
import type { XmlHandler } from './xml.ts';

/** Most characters of text one row may hold (cells repeating one long shared text could otherwise build a huge line). */
export const MAX_ROW_CHARS = 16 * 1024 * 1024;

export interface SheetContext {
  name: string;
  strings: SharedStrings;
  styles: DateStyles;
  date1904: boolean;
  /** Most bytes the sheet's rows may add up to as text (the limit on expansion). */
  maxTextBytes: number;
}

/** A cell's text; its size counted as its length (its bytes were counted as the sheet's XML was read). */
const plain = (text: string | null): { text: string; bytes: number } | null => (text === null ? null : { text, bytes: text.length });

interface Cell {
  col: number;
  ref: string;
  type: string;
  style: number;
}

/**
 * Reads a worksheet's `<sheetData>` into rows of cell texts, as the parser
 * goes: rows wait in `pending` until the caller writes them out. A row's
 * cells are indexed by their column; cells it lacks are null.
 */
export class SheetRows implements XmlHandler {
  pending: (string | null)[][] = [];
  finished = false;
  private inData = false;
  private rowNumber = 0;
  private row: (string | null)[] | null = null;
  private rowChars = 0;
  private nextCol = 1;
  private textBytes = 0;
  private cell: Cell | null = null;
  private capture: 'v' | 't' | null = null;
  private inInline = false;
  private phonetic = 0;
  private v: string[] = [];
  private t: string[] | null = null;
  private chars = 0;

  constructor(private readonly ctx: SheetContext) {}

  /** The rows read since the last call. */
  take(): (string | null)[][] {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }

  open(name: string, attrs: Record<string, string>): void {
    if (name === 'sheetData') this.inData = true;
    if (!this.inData) return;
    switch (name) {
      case 'row': {
        const r = Number(attrs.r);
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.row = [];
        this.rowChars = 0;
        this.nextCol = 1;
        break;
      }
      case 'c':
        this.openCell(attrs);
        break;
      case 'v':
        if (this.cell) this.capture = 'v';
        break;
      case 'is':
        if (this.cell) {
          this.inInline = true;
          this.t = [];
        }
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0) this.capture = 't';
        break;
    }
  }

  private openCell(attrs: Record<string, string>): void {
    const at = attrs.r ? splitRef(attrs.r) : null;
    const col = at ? columnNumber(at.letters) : this.nextCol;
    const ref = at ? `${at.letters.toUpperCase()}${at.row}` : `${columnLetters(col)}${this.rowNumber}`;
    if (col === 0) throw columnTooFar(attrs.r ?? ref, this.ctx.name);
    const style = Number(attrs.s ?? 0);
    this.cell = { col, ref, type: attrs.t ?? 'n', style: Number.isInteger(style) ? style : 0 };
    this.v = [];
    this.t = null;
    this.chars = 0;
  }

  close(name: string): void {
    if (!this.inData) return;
    switch (name) {
      case 'v':
      case 't':
        this.capture = null;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        this.closeCell();
        break;
      case 'row':
        if (this.row) this.pending.push(Array.from(this.row, (v) => v ?? null));
        this.row = null;
        break;
      case 'sheetData':
        this.inData = false;
        this.finished = true;
        break;
    }
  }

  text(text: string): void {
    if (this.capture === null || !this.cell) return;
    this.chars += text.length;
    if (this.chars > MAX_CELL_CHARS) throw cellTooLong(this.cell.ref, this.ctx.name);
    if (this.capture === 'v') this.v.push(text);
    else this.t?.push(text);
  }

  /** When the parser meets a run too long to hold: inside a cell, that cell is too long. */
  tooLong(): AppError {
    return this.cell ? cellTooLong(this.cell.ref, this.ctx.name) : damaged(`the sheet ${quoted(this.ctx.name)} holds a run of text far longer than any cell`);
  }

  private closeCell(): void {
    const cell = this.cell;
    this.cell = null;
    this.capture = null;
    this.inInline = false;
    if (!cell) return;
    this.nextCol = cell.col + 1;
    const value = this.cellText(cell);
    if (value === null || !this.row) return;
    this.row[cell.col - 1] = value.text;
    this.rowChars += value.text.length;
    if (this.rowChars > MAX_ROW_CHARS) throw rowTooLong(this.rowNumber, this.ctx.name, MAX_ROW_CHARS);
    this.textBytes += value.bytes;
    if (this.textBytes > this.ctx.maxTextBytes) throw expandsPastLimit(this.ctx.maxTextBytes, 'when its sheet is read as text');
  }

  private cellText(cell: Cell): { text: string; bytes: number } | null {
    const v = this.v.length === 0 ? null : this.v.length === 1 ? (this.v[0] as string) : this.v.join('');
    switch (cell.type) {
      case 's': {
        if (v === null) return null;
        const s = this.ctx.strings.get(Number(v));
        if (s === undefined) throw damaged(`cell ${cell.ref} of sheet ${quoted(this.ctx.name)} refers to a shared text that is not there`);
        if (s === 'tooLong') throw cellTooLong(cell.ref, this.ctx.name);
        return s;
      }
      case 'inlineStr':
        return plain(this.t ? this.t.join('') : v);
      case 'str':
        return plain(v);
      case 'b':
        return v === null ? null : plain(v.trim() === '1' || v.trim() === 'true' ? 'true' : 'false');
      case 'e':
        return null;
      case 'd': {
        if (v === null) return null;
        const date = new Date(v.trim());
        return plain(Number.isNaN(date.getTime()) ? v : isoText(date));
      }
      default:
        return plain(this.number(v, cell.style));
    }
  }

  private number(v: string | null, style: number): string | null {
    if (v === null || v.trim() === '') return null;
    const n = Number(v);
    if (Number.isNaN(n)) return v;
    if (this.ctx.styles.isDate(style)) return serialToText(n, this.ctx.date1904) ?? String(n);
    return String(n);
  }
}
