import type { Translator } from '../../../domain/i18n/translator.ts';

/** A request's status in the reader's language. */
export const requestStatusLabel = (t: Translator, s: string): string => t.t(`requests.status.${s}`);

/** A reason for declining in the reader's language. */
export const declineReasonLabel = (t: Translator, r: string): string => t.t(`requests.reason.${r}`);

/** The address of a request's page. */
export const requestPath = (id: string): string => `/requests/${encodeURIComponent(id)}`;
