/** A parsed XML element: enough to check the documents Plaza writes. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded. */
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const REF = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g;
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(s: string, where: string): string {
  if (s.replace(REF, '').includes('&')) throw new Error(`Bare & in ${where}`);
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(REF, (ref) => {
    const body = ref.slice(1, -1);
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return named[body]!;
  });
}

/**
 * Parses a document strictly, throwing on anything not well-formed: unbalanced
 * or crossed tags, a bare `&` or `<`, duplicate attributes, illegal characters,
 * text outside the single root element. Stricter than XML in one way: a `>`
 * in text must be escaped too, as Plaza always does.
 */
export function parseXml(doc: string): XmlElement {
  if (ILLEGAL.test(doc)) throw new Error('Illegal XML character');
  let rest = doc.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const tag = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
  while (rest.length) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (text) {
      const top = stack.at(-1);
      if (!top) {
        if (text.trim()) throw new Error(`Text outside the root: ${text.slice(0, 40)}`);
      } else top.text += decode(text, `<${top.name}>`);
      if (text.includes('>') && top) throw new Error(`Bare > in <${top.name}>`);
    }
    if (lt < 0) break;
    rest = rest.slice(lt);
    const m = tag.exec(rest);
    if (!m) throw new Error(`Malformed tag at: ${rest.slice(0, 40)}`);
    rest = rest.slice(m[0].length);
    const [, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      const open = stack.pop();
      if (open?.name !== name || attrText || selfClose) throw new Error(`</${name}> does not close <${open?.name}>`);
      if (!stack.length) root = open;
      continue;
    }
    if (root) throw new Error('A second root element');
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
      if (a[1]! in attrs) throw new Error(`Duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!, `attribute ${a[1]}`);
    }
    const el: XmlElement = { name, attrs, children: [], text: '' };
    stack.at(-1)?.children.push(el);
    if (selfClose) {
      if (!stack.length) root = el;
    } else stack.push(el);
  }
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('No root element');
  return root;
}

/** The children of `el` named `name`. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
/** The one child of `el` named `name`; throws when there is not exactly one. */
export function child(el: XmlElement, name: string): XmlElement {
  const found = childrenNamed(el, name);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${name}>`);
  return found[0]!;
}
