/** Syntax tree of the records query language. Every node carries its 0-based position. */

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ConcatOp = '||';

export type LiteralType = 'text' | 'integer' | 'decimal' | 'boolean' | 'null' | 'date' | 'timestamp';

export interface LiteralNode {
  kind: 'literal';
  pos: number;
  type: LiteralType;
  /** text, date and timestamp literals: the string; numbers: the number; booleans; null. */
  value: string | number | boolean | null;
}

export interface ColumnNode {
  kind: 'column';
  pos: number;
  name: string;
  /** Written with backticks (matched against names and labels). */
  quoted: boolean;
}

export interface UnaryNode {
  kind: 'unary';
  pos: number;
  op: '-' | 'NOT';
  operand: Expr;
}

export interface BinaryNode {
  kind: 'binary';
  pos: number;
  op: ComparisonOp | ArithmeticOp | ConcatOp;
  left: Expr;
  right: Expr;
}

export interface LogicalNode {
  kind: 'logical';
  pos: number;
  op: 'AND' | 'OR';
  operands: Expr[];
}

export interface IsNullNode {
  kind: 'isNull';
  pos: number;
  negated: boolean;
  operand: Expr;
}

export interface InNode {
  kind: 'in';
  pos: number;
  negated: boolean;
  operand: Expr;
  list: Expr[];
}

export interface BetweenNode {
  kind: 'between';
  pos: number;
  negated: boolean;
  operand: Expr;
  low: Expr;
  high: Expr;
}

export interface LikeNode {
  kind: 'like';
  pos: number;
  negated: boolean;
  caseInsensitive: boolean;
  operand: Expr;
  pattern: Expr;
}

export interface CallNode {
  kind: 'call';
  pos: number;
  /** Lowercased function name. */
  name: string;
  /** `count(*)`. */
  star: boolean;
  /** `count(distinct x)`. */
  distinct: boolean;
  args: Expr[];
}

/** `CASE WHEN c1 THEN v1 [WHEN ...] [ELSE v] END` (SoQL's `case(c1, v1, ...)`). */
export interface CaseNode {
  kind: 'case';
  pos: number;
  whens: Array<{ when: Expr; then: Expr }>;
  otherwise: Expr | null;
}

export type Expr =
  | LiteralNode
  | CaseNode
  | ColumnNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | IsNullNode
  | InNode
  | BetweenNode
  | LikeNode
  | CallNode;

/** `expr [AS alias]` in select and group_by; `*` in select. */
export type SelectItem =
  | { kind: 'star'; pos: number }
  | { kind: 'expr'; pos: number; expr: Expr; alias?: string; aliasPos?: number; end: number };

export interface GroupItem {
  pos: number;
  expr: Expr;
  alias?: string;
  aliasPos?: number;
}

export interface OrderItem {
  pos: number;
  expr: Expr;
  descending: boolean;
}
