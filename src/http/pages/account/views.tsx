import type { ComponentChildren } from 'preact';
import type { SafeHtml } from '../html.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { FormField } from '../components/FormField.tsx';
import { ruleText } from '../components/rule-text.ts';
import { richText } from '../rich.tsx';

/** The sign-in, sign-out and password pages: plain HTML forms that work without JavaScript. */

export type FieldErrors = Record<string, string>;

export interface FormState {
  pc: PageContext;
  /** The value of the hidden `_csrf` field. */
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** A problem with the form as a whole (wrong password, locked account, expired form), in the reader's language. */
  problem?: string;
}

const FORM_STYLE = `form.account{max-width:26rem}form.account label{font-weight:600}
form.account input[type=email],form.account input[type=password],form.account input[type=text]{width:100%;padding:.45rem;font:inherit;border:1px solid #8a96a3;border-radius:4px}
form.account input[aria-invalid=true]{border:2px solid #b00020}
button{font:inherit;padding:.45rem 1rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}`;

/** One account page: the frame, the form style and the page's heading. */
function page(pc: PageContext, title: string, body: ComponentChildren): SafeHtml {
  return renderPage(
    <Layout title={title} styles={FORM_STYLE}>
      <h1>{title}</h1>
      {body}
    </Layout>,
    pc,
  );
}

interface FieldProps {
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
  state: FormState;
}

/** One labelled input with its hint and, when refused, its message. */
function Field({ name, label, type, autocomplete, hint, state }: FieldProps) {
  const value = type === 'password' ? '' : (state.values?.[name] ?? '');
  return (
    <FormField name={name} label={label} hint={hint} error={state.errors?.[name]}>
      {(a) => <input {...a} type={type} value={value} autocomplete={autocomplete} required class="usa-input" />}
    </FormField>
  );
}

/** The problem box at the top of a refused form: the form's own problem, or a pointer to the fields marked below. */
function Problem({ state }: { state: FormState }) {
  const t = useT();
  const count = Object.keys(state.errors ?? {}).length;
  if (state.problem) {
    return (
      <div class="usa-alert usa-alert--error problem" role="alert">
        {ruleText(t, state.problem)}
      </div>
    );
  }
  if (count) {
    return (
      <div class="usa-alert usa-alert--error problem" role="alert">
        {t.t('account.fixFields', { count })}
      </div>
    );
  }
  return null;
}

const Hidden = ({ name, value }: { name: string; value: string }) => <input type="hidden" name={name} value={value} />;

function SignInForm({ state, next }: { state: FormState; next: string }) {
  const t = useT();
  return (
    <>
      <Problem state={state} />
      <form class="account card" method="post" action="/sign-in" novalidate>
        <Hidden name="_csrf" value={state.csrf} />
        <Hidden name="next" value={next} />
        <Field name="email" label={t.t('account.email')} type="email" autocomplete="username" state={state} />
        <Field name="password" label={t.t('account.password')} type="password" autocomplete="current-password" state={state} />
        <p>
          <button type="submit" class="usa-button">{t.t('account.signIn')}</button>
        </p>
        <p>
          <a href="/forgot-password">{t.t('account.forgotPassword')}</a>
        </p>
        <p>{richText(t, 'verify.noAccount', {}, { link: <a href="/sign-up">{t.t('verify.signUp')}</a> })}</p>
      </form>
    </>
  );
}

export function signInPage(state: FormState & { next: string }): SafeHtml {
  return page(state.pc, state.pc.t.t('account.signIn'), <SignInForm state={state} next={state.next} />);
}

export function SignedIn({ who, csrf }: { who: { name: string; email: string }; csrf: string }) {
  const t = useT();
  return (
    <div class="card">
      <p>{richText(t, 'account.signedInAs', { email: who.email }, { name: <strong>{who.name}</strong> })}</p>
      <form method="post" action="/sign-out">
        <Hidden name="_csrf" value={csrf} />
        <button type="submit" class="usa-button">{t.t('account.signOut')}</button>
      </form>
    </div>
  );
}

export function signedInPage(pc: PageContext, who: { name: string; email: string }, sessionCsrf: string): SafeHtml {
  return page(pc, pc.t.t('account.signedIn'), <SignedIn who={who} csrf={sessionCsrf} />);
}

function ForgotForm({ state }: { state: FormState }) {
  const t = useT();
  return (
    <>
      <Problem state={state} />
      <form class="account card" method="post" action="/forgot-password" novalidate>
        <Hidden name="_csrf" value={state.csrf} />
        <p>{t.t('account.forgotIntro')}</p>
        <Field name="email" label={t.t('account.email')} type="email" autocomplete="username" state={state} />
        <p>
          <button type="submit" class="usa-button">{t.t('account.emailMeLink')}</button>
        </p>
        <p>
          <a href="/sign-in">{t.t('account.backToSignIn')}</a>
        </p>
      </form>
    </>
  );
}

export function forgotPasswordPage(state: FormState): SafeHtml {
  return page(state.pc, state.pc.t.t('account.forgotPassword'), <ForgotForm state={state} />);
}

function ResetSent({ email, minutes }: { email: string; minutes: number }) {
  const t = useT();
  return (
    <div class="card" role="status">
      <p>{richText(t, 'account.resetSent', { minutes }, { email: <strong>{email}</strong> })}</p>
      <p>{richText(t, 'account.nothingArrived', {}, { link: <a href="/forgot-password">{t.t('account.askAgain')}</a> })}</p>
    </div>
  );
}

export function resetSentPage(pc: PageContext, email: string, minutes: number): SafeHtml {
  return page(pc, pc.t.t('account.checkEmail'), <ResetSent email={email} minutes={minutes} />);
}

function ResetForm({ state, token }: { state: FormState; token: string }) {
  const t = useT();
  return (
    <>
      <Problem state={state} />
      <form class="account card" method="post" action="/reset-password" novalidate>
        <Hidden name="_csrf" value={state.csrf} />
        <Hidden name="token" value={token} />
        <Field name="password" label={t.t('account.newPassword')} type="password" autocomplete="new-password" hint={t.t('account.newPasswordHint')} state={state} />
        <Field name="confirm" label={t.t('account.newPasswordAgain')} type="password" autocomplete="new-password" state={state} />
        <p>
          <button type="submit" class="usa-button">{t.t('account.changePassword')}</button>
        </p>
      </form>
    </>
  );
}

export function resetPasswordPage(state: FormState & { token: string }): SafeHtml {
  return page(state.pc, state.pc.t.t('account.chooseNewPassword'), <ResetForm state={state} token={state.token} />);
}

/** A short page with one message and one link onward; the texts are already in the reader's language. */
export function messagePage(pc: PageContext, title: string, message: string, link: { href: string; text: string }): SafeHtml {
  return page(
    pc,
    title,
    <div class="card">
      <p>{message}</p>
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    </div>,
  );
}
