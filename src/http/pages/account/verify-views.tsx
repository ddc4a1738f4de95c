import type { ComponentChildren } from 'preact';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { FormField } from '../components/FormField.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { richText } from '../rich.tsx';
import type { FormState } from './views.tsx';

/** The sign-up page and the pages around confirming an email address: plain forms that work without JavaScript. */

const STYLE = `form.account{max-width:26rem}form.account label{font-weight:600}
form.account input{width:100%;max-width:26rem}form.resend{margin:.5rem 0 0}`;

function page(pc: PageContext, title: string, body: ComponentChildren): SafeHtml {
  return renderPage(
    <Layout title={title} styles={STYLE}>
      <h1>{title}</h1>
      {body}
    </Layout>,
    pc,
  );
}

/** Lengths the sign-up form allows, as the account's rules do. */
const MAX = { name: 100, email: 254, password: 200 } as const;

function SignUpForm({ state }: { state: FormState }) {
  const t = useT();
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const count = Object.keys(e).length;
  return (
    <>
      <p>{t.t('verify.signUpIntro')}</p>
      {state.problem || count ? (
        <div class="usa-alert usa-alert--error problem" role="alert">
          {state.problem ? ruleText(t, state.problem) : t.t('account.fixFields', { count })}
        </div>
      ) : null}
      <form class="account card usa-form" method="post" action="/sign-up" novalidate>
        <input type="hidden" name="_csrf" value={state.csrf} />
        <FormField name="name" label={t.t('verify.name')} hint={t.t('verify.nameHint')} error={e.name}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.name ?? ''} autocomplete="name" maxLength={MAX.name} required />}
        </FormField>
        <FormField name="email" label={t.t('account.email')} error={e.email}>
          {(a) => <input {...a} type="email" class="usa-input" value={v.email ?? ''} autocomplete="email" maxLength={MAX.email} required />}
        </FormField>
        <FormField name="password" label={t.t('account.password')} hint={t.t('verify.passwordHint')} error={e.password}>
          {(a) => <input {...a} type="password" class="usa-input" value="" autocomplete="new-password" maxLength={MAX.password} required />}
        </FormField>
        <p>
          <button type="submit" class="usa-button">{t.t('verify.create')}</button>
        </p>
        <p>{richText(t, 'verify.haveAccount', {}, { link: <a href="/sign-in">{t.t('account.signIn')}</a> })}</p>
      </form>
    </>
  );
}

/** `/sign-up`: name, email and password; a refused form comes back as typed (but the password), with its messages. */
export function signUpPage(state: FormState): SafeHtml {
  return page(state.pc, state.pc.t.t('verify.signUp'), <SignUpForm state={state} />);
}

/** The "send the link again" button, for a signed-in person whose address is not confirmed. */
export function ResendForm({ csrf, next }: { csrf: string; next: string }) {
  const t = useT();
  return (
    <form method="post" action="/account/verification" class="resend">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="next" value={next} />
      <button type="submit" class="usa-button usa-button--outline">{t.t('verify.sendAgain')}</button>
    </form>
  );
}

/** What an unconfirmed account sees where the post, vote and comment forms would be. */
export function ConfirmEmailNotice({ email, csrf, next }: { email: string; csrf: string; next: string }) {
  const t = useT();
  return (
    <div class="usa-alert usa-alert--warning confirm-email" role="region" aria-label={t.t('verify.state')}>
      <p>{t.t('verify.needed', { email })}</p>
      <ResendForm csrf={csrf} next={next} />
    </div>
  );
}

/** A page that says one thing, with a link on, and for an unconfirmed signed-in account the resend button. */
export function verifyMessagePage(pc: PageContext, title: string, message: string, link: { href: string; text: string }, resend?: { csrf: string; next: string }): SafeHtml {
  return page(
    pc,
    title,
    <div class="card">
      <p>{message}</p>
      {resend ? <ResendForm csrf={resend.csrf} next={resend.next} /> : null}
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    </div>,
  );
}

/** `/problems/new` and the like, for an account whose address is not confirmed: the notice instead of the form. */
export function confirmFirstPage(pc: PageContext, title: string, who: { email: string; csrf: string; next: string }): SafeHtml {
  return page(pc, title, <ConfirmEmailNotice email={who.email} csrf={who.csrf} next={who.next} />);
}
