import type { Expr, SelectItem } from './ast.ts';
import type { ColumnResolver } from './columns.ts';
import { invalid } from './errors.ts';
import { autoName, printExpr } from './print.ts';
import type { Typed } from './typing.ts';

/** One output column of a query. */
export interface Output {
  name: string;
  label: string;
  typed: Typed;
}

/** Hands out output names, unique case-insensitively; explicit aliases are reserved up front. */
export class OutputNames {
  private readonly used = new Set<string>();
  private readonly reserved = new Set<string>();

  /** Reserves every explicit alias; a repeated alias is an error. */
  reserve(aliases: { alias?: string; aliasPos?: number }[], param: 'select' | 'group_by'): void {
    for (const a of aliases) {
      if (a.alias === undefined) continue;
      const key = a.alias.toLowerCase();
      if (this.reserved.has(key)) throw invalid(param, a.aliasPos ?? 0, `duplicate output name \`${a.alias}\``, 'give each output a different alias');
      this.reserved.add(key);
    }
  }

  /** An explicit alias as written, or a free name derived from `base`. */
  take(base: string, explicit: boolean): string {
    const key = base.toLowerCase();
    if (explicit) {
      this.used.add(key);
      return base;
    }
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()) || this.reserved.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** Name and label of an `expr [AS alias]` item. */
export function describeItem(expr: Expr, alias: string | undefined, resolver: ColumnResolver, names: OutputNames): { name: string; label: string } {
  if (alias !== undefined) return { name: names.take(alias, true), label: alias };
  if (expr.kind === 'column') {
    const col = resolver.find(expr.name, expr.quoted);
    if (col) return { name: names.take(col.name, false), label: col.label };
    // Not a column: a reference to a group_by alias, named like it.
    if (!expr.quoted) return { name: names.take(expr.name, false), label: expr.name };
  }
  return { name: names.take(autoName(expr, resolver), false), label: printExpr(expr, resolver) };
}

/** `*` expanded to every visible column. */
export function starOutputs(resolver: ColumnResolver, names: OutputNames, compile: (e: Expr) => Typed): Output[] {
  return resolver.visible.map((c) => ({
    name: names.take(c.name, false),
    label: c.label,
    typed: compile({ kind: 'column', pos: 0, name: c.name, quoted: false }),
  }));
}

/** Lowercased output name → compiled expression, for alias references. */
export function aliasMap(outputs: Output[], extra: [string, Typed][] = []): Map<string, Typed> {
  const map = new Map<string, Typed>();
  for (const [k, v] of extra) map.set(k.toLowerCase(), v);
  for (const o of outputs) map.set(o.name.toLowerCase(), o.typed);
  return map;
}

export function exprItems(items: SelectItem[]): Extract<SelectItem, { kind: 'expr' }>[] {
  return items.filter((i): i is Extract<SelectItem, { kind: 'expr' }> => i.kind === 'expr');
}
