import { html, trusted, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

/** The sign-in, sign-out and password pages: plain HTML forms that work without JavaScript. */

export type FieldErrors = Record<string, string>;

export interface FormState {
  siteName: string;
  /** The value of the hidden `_csrf` field. */
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** A problem with the form as a whole (wrong password, locked account, expired form). */
  problem?: string;
}

const FORM_STYLE = trusted(`<style>
form.account{max-width:26rem}form.account label{font-weight:600}
form.account input[type=email],form.account input[type=password],form.account input[type=text]{width:100%;padding:.45rem;font:inherit;border:1px solid #8a96a3;border-radius:4px}
form.account input[aria-invalid=true]{border:2px solid #b00020}
.field-error{color:#b00020;display:block}.problem{border:2px solid #b00020;background:#fff;padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
button{font:inherit;padding:.45rem 1rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}
</style>`);

function page(siteName: string, title: string, body: SafeHtml): SafeHtml {
  return layout({ title, siteName, body: html`${FORM_STYLE}<h1>${title}</h1>${body}` });
}

interface FieldSpec {
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
}

function field(f: FieldSpec, state: FormState): SafeHtml {
  const id = `field-${f.name}`;
  const error = state.errors?.[f.name];
  const value = f.type === 'password' ? '' : (state.values?.[f.name] ?? '');
  const describedBy = [f.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<p>
<label for="${id}">${f.label}</label>
${f.hint ? html`<span class="meta" id="${id}-hint" style="display:block">${f.hint}</span>` : ''}
${error ? html`<strong class="field-error" id="${id}-error">${error}</strong>` : ''}
<input id="${id}" name="${f.name}" type="${f.type}" value="${value}" autocomplete="${f.autocomplete}" required${error ? trusted(' aria-invalid="true"') : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
</p>`;
}

function problem(state: FormState): SafeHtml {
  const fieldCount = Object.keys(state.errors ?? {}).length;
  if (state.problem) return html`<div class="problem" role="alert">${state.problem}</div>`;
  if (fieldCount) return html`<div class="problem" role="alert">Please correct the ${fieldCount === 1 ? 'field' : 'fields'} marked below.</div>`;
  return html``;
}

const hidden = (name: string, value: string): SafeHtml => html`<input type="hidden" name="${name}" value="${value}">`;

export function signInPage(state: FormState & { next: string }): SafeHtml {
  return page(state.siteName, 'Sign in', html`${problem(state)}
<form class="account card" method="post" action="/sign-in" novalidate>
${hidden('_csrf', state.csrf)}${hidden('next', state.next)}
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'username' }, state)}
${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }, state)}
<p><button type="submit">Sign in</button></p>
<p><a href="/forgot-password">Forgot your password?</a></p>
</form>`);
}

export function signedInPage(siteName: string, who: { name: string; email: string }, sessionCsrf: string): SafeHtml {
  return page(siteName, 'Signed in', html`<div class="card"><p>You are signed in as <strong>${who.name}</strong> (${who.email}).</p>
<form method="post" action="/sign-out">${hidden('_csrf', sessionCsrf)}<button type="submit">Sign out</button></form></div>`);
}

export function forgotPasswordPage(state: FormState): SafeHtml {
  return page(state.siteName, 'Forgot your password?', html`${problem(state)}
<form class="account card" method="post" action="/forgot-password" novalidate>
${hidden('_csrf', state.csrf)}
<p>Enter the email address of your account. We will email you a link to choose a new password.</p>
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'username' }, state)}
<p><button type="submit">Email me a link</button></p>
<p><a href="/sign-in">Back to sign in</a></p>
</form>`);
}

export function resetSentPage(siteName: string, email: string, minutes: number): SafeHtml {
  return page(siteName, 'Check your email', html`<div class="card" role="status"><p>If an account uses <strong>${email}</strong>, we sent it a link to choose a new password. The link works once, for ${minutes} minutes.</p>
<p>Nothing arrived? Check your spam folder, or <a href="/forgot-password">ask again</a>.</p></div>`);
}

export function resetPasswordPage(state: FormState & { token: string }): SafeHtml {
  return page(state.siteName, 'Choose a new password', html`${problem(state)}
<form class="account card" method="post" action="/reset-password" novalidate>
${hidden('_csrf', state.csrf)}${hidden('token', state.token)}
${field({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: 'At least 10 characters; not your email address.' }, state)}
${field({ name: 'confirm', label: 'New password again', type: 'password', autocomplete: 'new-password' }, state)}
<p><button type="submit">Change my password</button></p>
</form>`);
}

/** A short page with one message and one link onward. */
export function messagePage(siteName: string, title: string, message: string, link: { href: string; text: string }): SafeHtml {
  return page(siteName, title, html`<div class="card"><p>${message}</p><p><a href="${link.href}">${link.text}</a></p></div>`);
}
