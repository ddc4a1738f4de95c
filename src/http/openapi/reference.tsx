import type { Access, RouteSpec } from '../route.ts';
import type { SafeHtml } from '../pages/html.ts';
import { Layout } from '../pages/components/Layout.tsx';
import { usePage, useT, type PageContext } from '../pages/components/page-context.ts';
import { renderPage } from '../pages/components/render.tsx';
import { richText } from '../pages/rich.tsx';
import type { OpenApiDocument, Operation, Parameter, ResponseObject } from './document.ts';
import { typeLabel, type JsonSchema } from './schema.ts';
import { Wide } from '../pages/components/Wide.tsx';
import { Table } from '../pages/components/Table.tsx';

interface Entry {
  method: string;
  path: string;
  op: Operation;
  spec: RouteSpec;
}

const PRE = 'background:#fff;border:1px solid var(--line);border-radius:4px;padding:.75rem;overflow:auto;white-space:pre-wrap';
const anchor = (op: Operation): string => `op-${op.operationId}`;
const tagAnchor = (tag: string): string => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** The message key naming who may call a route of each access level. */
const ACCESS_KEY: Record<Access, string> = {
  public: 'reference.accessPublic',
  'signed-in': 'reference.accessSignedIn',
  editor: 'reference.accessEditor',
  'org-admin': 'reference.accessOrgAdmin',
  'site-admin': 'reference.accessSiteAdmin',
};

/** Text with `code` spans, as the route descriptions write them. */
const Inline = ({ text }: { text: string }) => <>{text.split('`').map((part, i) => (i % 2 ? <code>{part}</code> : part))}</>;

const Paragraphs = ({ text }: { text: string | undefined }) => (
  <>
    {(text ?? '')
      .split(/\n\s*\n/)
      .filter((p) => p.trim())
      .map((p) => (
        <p>
          <Inline text={p.trim()} />
        </p>
      ))}
  </>
);

const propertiesOf = (s: JsonSchema | undefined): Array<[string, JsonSchema]> =>
  s && typeof s.properties === 'object' && s.properties !== null ? Object.entries(s.properties as Record<string, JsonSchema>) : [];

/** A parameter's or field's description (the API's own, in English) and its default. */
function Describe({ s, description }: { s: JsonSchema; description?: unknown }) {
  const t = useT();
  const text = typeof description === 'string' ? description : typeof s.description === 'string' ? s.description : '';
  return (
    <>
      <Inline text={text} />
      {s.default !== undefined ? (
        <>
          {text ? ' ' : ''}
          {richText(t, 'reference.default', {}, { value: <code>{JSON.stringify(s.default)}</code> })}
        </>
      ) : null}
    </>
  );
}

const yesNo = (t: ReturnType<typeof useT>, b: boolean | undefined): string => t.t(b ? 'reference.yes' : 'reference.no');

function ParameterTable({ op }: { op: Operation }) {
  const t = useT();
  const params = op.parameters ?? [];
  if (!params.length) return null;
  const id = `${anchor(op)}-params`;
  return (
    <>
      <h4 id={id}>{t.t('reference.parameters')}</h4>
      <Wide labelledBy={id}>
        <Table labelledBy={id} columns={[t.t('reference.name'), t.t('reference.in'), t.t('reference.type'), t.t('reference.required'), t.t('reference.description')]}>
          {params.map((p: Parameter) => (
            <tr>
              <th scope="row">
                <code>{p.name}</code>
              </th>
              <td>{p.in}</td>
              <td>
                {typeLabel(p.schema)}
                {p.explode ? ` ${t.t('reference.repeatable')}` : ''}
              </td>
              <td>{yesNo(t, p.required)}</td>
              <td>
                <Describe s={p.schema} description={p.description} />
              </td>
            </tr>
          ))}
        </Table>
      </Wide>
    </>
  );
}

function BodyTable({ op }: { op: Operation }) {
  const t = useT();
  const body = op.requestBody;
  if (!body) return null;
  const types = Object.keys(body.content);
  const schema = (body.content['multipart/form-data'] ?? body.content['application/json'] ?? Object.values(body.content)[0])?.schema;
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const fields = propertiesOf(schema);
  const id = `${anchor(op)}-body`;
  const typeList = types.map((type, i) => (
    <>
      {i ? ', ' : ''}
      <code>{type}</code>
    </>
  ));
  return (
    <>
      <h4 id={id}>{t.t('reference.body')}</h4>
      <Paragraphs text={body.description} />
      <p>{richText(t, body.required ? 'reference.sentAs' : 'reference.sentAsOptional', {}, { types: typeList })}</p>
      {fields.length ? (
        <Wide labelledBy={id}>
          <Table labelledBy={id} columns={[t.t('reference.field'), t.t('reference.type'), t.t('reference.required'), t.t('reference.description')]}>
            {fields.map(([name, f]) => (
              <tr>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>{typeLabel(f)}</td>
                <td>{yesNo(t, required.includes(name))}</td>
                <td>
                  <Describe s={f} />
                </td>
              </tr>
            ))}
          </Table>
        </Wide>
      ) : (
        <p>{richText(t, 'reference.bodyType', {}, { type: <code>{typeLabel(schema)}</code> })}</p>
      )}
    </>
  );
}

function ResponseTable({ op, doc }: { op: Operation; doc: OpenApiDocument }) {
  const t = useT();
  const id = `${anchor(op)}-responses`;
  const resolve = (r: ResponseObject) => ('$ref' in r ? doc.components.responses[r.$ref.split('/').pop() ?? ''] : r);
  return (
    <>
      <h4 id={id}>{t.t('reference.responses')}</h4>
      <Wide labelledBy={id}>
        <Table labelledBy={id} columns={[t.t('reference.status'), t.t('reference.description'), t.t('reference.contentType')]}>
          {Object.entries(op.responses).map(([status, r]) => {
            const found = resolve(r);
            return (
              <tr>
                <th scope="row">{status}</th>
                <td>
                  <Inline text={found?.description ?? ''} />
                </td>
                <td>{Object.keys(found?.content ?? {}).join(', ') || '—'}</td>
              </tr>
            );
          })}
        </Table>
      </Wide>
    </>
  );
}

/** A made-up value of the right type for an example body. */
function sample(s: JsonSchema): unknown {
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.type === 'integer' || s.type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'array') return [];
  if (s.type === 'object') return {};
  return '…';
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A curl command ready to paste: path parameters become shell variables such as `$ID`. */
export function curlExample(method: string, path: string, op: Operation, serverUrl: string, signedIn: boolean): string {
  const url = serverUrl + path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => `\${${name.toUpperCase()}}`);
  const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${p.name.toUpperCase()}`);
  const parts = [method === 'GET' ? 'curl -s' : `curl -s -X ${method}`];
  if (signedIn) parts.push('-H "Authorization: Bearer $TOKEN"');
  const content = op.requestBody?.content ?? {};
  if (content['multipart/form-data']) {
    parts.push("-F 'file=@data.csv'");
  } else if (content['application/json']) {
    const schema = content['application/json'].schema ?? {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const fields = propertiesOf(schema);
    const shown = required.length ? fields.filter(([name]) => required.includes(name)) : fields.slice(0, 1);
    const example = Object.fromEntries(shown.map(([name, f]) => [name, sample(f)]));
    parts.push("-H 'Content-Type: application/json'", `-d ${shellQuote(JSON.stringify(example))}`);
  }
  parts.push(`"${url}${query.length ? `?${query.join('&')}` : ''}"`);
  return parts.join(parts.length > 2 ? ' \\\n  ' : ' ');
}

function OperationCard({ e, doc, serverUrl }: { e: Entry; doc: OpenApiDocument; serverUrl: string }) {
  const t = useT();
  const { op, spec } = e;
  return (
    <article class="card" aria-labelledby={anchor(op)}>
      <h3 id={anchor(op)}>
        <Inline text={op.summary} />
      </h3>
      <p>
        <code>
          {e.method} {e.path}
        </code>{' '}
        <span class="badge">{op.operationId}</span>
      </p>
      <Paragraphs text={spec.description} />
      <p>
        <strong>{t.t('reference.whoMayCall', { who: t.t(ACCESS_KEY[spec.access]) })}</strong>
      </p>
      <ParameterTable op={op} />
      <BodyTable op={op} />
      <ResponseTable op={op} doc={doc} />
      <h4>{t.t('reference.example')}</h4>
      <pre style={PRE} tabIndex={0}>
        <code>{curlExample(e.method, e.path, op, serverUrl, spec.access !== 'public')}</code>
      </pre>
    </article>
  );
}

function Reference({ groups, doc, serverUrl }: { groups: Map<string, Entry[]>; doc: OpenApiDocument; serverUrl: string }) {
  const { t, site } = usePage();
  return (
    <>
      <h1>{t.t('reference.title')}</h1>
      <p>
        {richText(
          t,
          'reference.intro',
          { site: site.name },
          {
            curl: <code>curl</code>,
            header: <code>Authorization: Bearer $TOKEN</code>,
            document: (
              <a href="/api/v1/openapi.json">
                <code>/api/v1/openapi.json</code>
              </a>
            ),
            shape: <code>{'{ "error": { "code", "message", "details" } }'}</code>,
          },
        )}
      </p>
      <nav aria-labelledby="contents">
        <h2 id="contents">{t.t('reference.contents')}</h2>
        <ul>
          {[...groups].map(([tag, entries]) => (
            <li>
              <a href={`#${tagAnchor(tag)}`}>{tag}</a>
              <ul>
                {entries.map((e) => (
                  <li>
                    <a href={`#${anchor(e.op)}`}>
                      {e.method} {e.path}
                    </a>{' '}
                    — {e.op.summary.replace(/`/g, '')}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      {[...groups].map(([tag, entries]) => (
        <section aria-labelledby={tagAnchor(tag)}>
          <h2 id={tagAnchor(tag)}>{tag}</h2>
          {entries.map((e) => (
            <OperationCard e={e} doc={doc} serverUrl={serverUrl} />
          ))}
        </section>
      ))}
    </>
  );
}

/** The API reference page: a table of contents, then every operation by tag, from the OpenAPI document. */
export function referencePage(pc: PageContext, doc: OpenApiDocument, specs: readonly RouteSpec[]): SafeHtml {
  const byId = new Map(specs.map((s) => [s.operationId, s]));
  const groups = new Map<string, Entry[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const spec = byId.get(op.operationId);
      if (spec) groups.get(op.tags[0] ?? '')?.push({ method: method.toUpperCase(), path, op, spec });
    }
  }
  const serverUrl = doc.servers[0]?.url.replace(/\/$/, '') ?? '';
  return renderPage(
    <Layout title={pc.t.t('reference.title')}>
      <Reference groups={groups} doc={doc} serverUrl={serverUrl} />
    </Layout>,
    pc,
  );
}
