import type { ApiToken, TokenScope } from '../../../domain/accounts/types.ts';
import { TOKEN_SCOPES } from '../../../domain/accounts/types.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';
import { SignedIn } from './views.tsx';
import { ConfirmEmailNotice } from './verify-views.tsx';
import { Table } from '../components/Table.tsx';

/** What the account page shows: the person, their organizations, their tokens and the token form. */
export interface AccountState {
  who: { name: string; email: string };
  /** The person's own data champion profile, if they made one. */
  champion?: { slug: string } | undefined;
  /** Organization names with the person's role in each. */
  organizations: Array<{ name: string; slug: string; role: string }>;
  tokens: ApiToken[];
  /** The scopes the person may give a token (their own). */
  scopes: readonly TokenScope[];
  csrf: string;
  /** A token just made: its secret, shown this once. */
  created?: { name: string; secret: string } | undefined;
  /** The token form as typed, and its problems, when it was refused. */
  values?: Record<string, string> | undefined;
  errors?: Record<string, string> | undefined;
  notice?: string | undefined;
  /** Whether the account's email address is confirmed; when not, the page offers to send the link again. */
  emailConfirmed?: boolean | undefined;
}

const STYLE = `form.token{max-width:32rem}form.token label,form.token legend{font-weight:600}form.token input[type=text],form.token input[type=number]{padding:.45rem;font:inherit;border:1px solid #8a96a3;border-radius:4px}
form.token input[type=text]{width:100%}fieldset{border:1px solid var(--line);border-radius:4px;margin:0 0 1rem}.secret{display:block;padding:.6rem;background:#fff;border:2px solid #1e7b34;border-radius:4px;word-break:break-all}
button{font:inherit;padding:.45rem 1rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}td form{margin:0}`;

function Tokens({ s }: { s: AccountState }) {
  const t = useT();
  const live = s.tokens.filter((k) => !k.revokedAt);
  const when = (iso: string | null, none: string) => (iso ? t.date(iso) : none);
  return (
    <section class="card" aria-labelledby="tokens">
      <h2 id="tokens">{t.t('tokens.heading')}</h2>
      <p>{t.t('tokens.intro')}</p>
      {s.created ? (
        <div role="status">
          <p>{t.t('tokens.created', { name: s.created.name })}</p>
          <code class="secret" id="token-secret">
            {s.created.secret}
          </code>
        </div>
      ) : null}
      {s.notice ? <p role="status">{s.notice}</p> : null}
      {live.length ? (
        <Wide labelledBy="tokens">
          <Table columns={[t.t('tokens.name'), t.t('tokens.scopes'), t.t('tokens.createdAt'), t.t('tokens.lastUsed'), t.t('tokens.expires'), t.t('tokens.revoke')]}>
            {live.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{k.scopes.map((sc) => t.t(`tokens.scope.${sc}`)).join(', ')}</td>
                <td>{t.date(k.createdAt)}</td>
                <td>{when(k.lastUsedAt, t.t('tokens.never'))}</td>
                <td>{when(k.expiresAt, t.t('tokens.noExpiry'))}</td>
                <td>
                  <form method="post" action={`/account/tokens/${encodeURIComponent(k.id)}/revoke`}>
                    <input type="hidden" name="_csrf" value={s.csrf} />
                    <button type="submit" aria-label={t.t('tokens.revokeNamed', { name: k.name })} class="usa-button">
                      {t.t('tokens.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </Table>
        </Wide>
      ) : (
        <p>{t.t('tokens.none')}</p>
      )}
      <NewToken s={s} />
    </section>
  );
}

function NewToken({ s }: { s: AccountState }) {
  const t = useT();
  const v = s.values ?? {};
  const errors = s.errors ?? {};
  const checked = (sc: TokenScope) => (s.values ? v[`scope_${sc}`] === 'on' : sc === 'read');
  return (
    <form class="token" method="post" action="/account/tokens" novalidate>
      <h3>{t.t('tokens.new')}</h3>
      {errors.form ? (
        <p class="usa-alert usa-alert--error problem" role="alert">
          {ruleText(t, errors.form)}
        </p>
      ) : null}
      <input type="hidden" name="_csrf" value={s.csrf} />
      <FormField name="name" label={t.t('tokens.name')} hint={t.t('tokens.nameHint')} error={errors.name}>
        {(a) => <input {...a} type="text" value={v.name ?? ''} maxLength={100} required class="usa-input" />}
      </FormField>
      <fieldset aria-describedby={errors.scopes ? 'field-scopes-error' : undefined}>
        <legend>{t.t('tokens.scopes')}</legend>
        {errors.scopes ? (
          <span class="usa-error-message field-error" id="field-scopes-error">
            {ruleText(t, errors.scopes)}
          </span>
        ) : null}
        {TOKEN_SCOPES.filter((sc) => s.scopes.includes(sc)).map((sc) => (
          <p key={sc} style="margin:.2rem 0">
            <input id={`field-scope_${sc}`} name={`scope_${sc}`} type="checkbox" checked={checked(sc)} /> <label for={`field-scope_${sc}`}>{t.t(`tokens.scope.${sc}`)}</label>{' '}
            <span class="meta">{t.t(`tokens.scopeHint.${sc}`)}</span>
          </p>
        ))}
      </fieldset>
      <FormField name="expires_in_days" label={t.t('tokens.expiresIn')} hint={t.t('tokens.expiresHint')} error={errors.expires_in_days}>
        {(a) => <input {...a} type="number" min={1} max={3650} value={v.expires_in_days ?? '90'} class="usa-input" />}
      </FormField>
      <p>
        <button type="submit" class="usa-button">{t.t('tokens.create')}</button>
      </p>
    </form>
  );
}

/** The signed-in person's account: who they are, their organizations, where to go next, and their API tokens. */
export function accountPage(pc: PageContext, s: AccountState): SafeHtml {
  const { t } = pc;
  return renderPage(
    <Layout title={t.t('tokens.account')} styles={STYLE}>
      <h1>{t.t('tokens.account')}</h1>
      <SignedIn who={s.who} csrf={s.csrf} />
      <section class="card" aria-labelledby="email-state">
        <h2 id="email-state">{t.t('verify.state')}</h2>
        {s.emailConfirmed === false ? (
          <ConfirmEmailNotice email={s.who.email} csrf={s.csrf} next="/account" />
        ) : (
          <p>{t.t('verify.stateConfirmed', { email: s.who.email })}</p>
        )}
      </section>
      <section class="card" aria-labelledby="memberships">
        <h2 id="memberships">{t.t('tokens.organizations')}</h2>
        {s.organizations.length ? (
          <ul>
            {s.organizations.map((o) => (
              <li key={o.slug}>
                <a href={`/organizations/${o.slug}`}>{o.name}</a> · {t.t(`tokens.role.${o.role}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.t('tokens.noOrganizations')}</p>
        )}
        <p>
          <a href="/account/subscriptions">{t.t('community.subscriptions')}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="champion">
        <h2 id="champion">{t.t('champions.accountHeading')}</h2>
        <p>{s.champion ? <a href={`/champions/${encodeURIComponent(s.champion.slug)}/edit`}>{t.t('champions.editOwn')}</a> : <a href="/champions/new">{t.t('champions.accountNone')}</a>}</p>
      </section>
      <Tokens s={s} />
    </Layout>,
    pc,
  );
}
