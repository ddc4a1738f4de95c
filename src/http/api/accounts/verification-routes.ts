import type { FastifyInstance } from 'fastify';
import { confirmEmail, confirmEmailFields, MAX_VERIFICATIONS_PER_HOUR, resendVerification, VERIFY_HOURS } from '../../../actions/accounts/email-verification.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { z } from 'zod';
import { messageOut, presentUser, userOut } from './present.ts';

const resendOut = messageOut.extend({ sent: z.boolean().describe('Whether a link was sent: false when the address is already confirmed') });

const TAG = 'Accounts';

/** Confirming an account's email address: sending the link again, and using it. */
export function verificationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;

  route(app, registry, {
    method: 'POST', path: '/api/v1/account/verification', operationId: 'resendEmailVerification', tag: TAG, access: 'signed-in',
    summary: 'Send the email confirmation link again',
    description: `Emails the caller a new link that confirms their address; it works once, for ${VERIFY_HOURS} hours. At most ${MAX_VERIFICATIONS_PER_HOUR} links per account per hour. Until the address is confirmed, the account cannot post, vote or comment. Tokens need the write scope.`,
    responses: {
      202: { description: 'The link is on its way: `{ "message", "sent": true }`.', schema: resendOut },
      200: { description: 'The address is already confirmed, so nothing was sent: `{ "message", "sent": false }`.', schema: resendOut },
      429: { description: `rate_limited: ${MAX_VERIFICATIONS_PER_HOUR} links were sent in the last hour.` },
    },
  }, async ({ req, reply }) => {
    const actor = await actorOf(deps, req);
    if (!(await resendVerification(deps, actor))) return reply.status(200).send({ message: 'Your email address is already confirmed; nothing was sent.', sent: false });
    return reply.status(202).send({ message: `A new confirmation link is on its way to ${actor.kind === 'user' ? actor.email : 'your address'}. It works once, for ${VERIFY_HOURS} hours.`, sent: true });
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/account/verification/confirm', operationId: 'confirmEmailVerification', tag: TAG, access: 'public',
    summary: 'Confirm an email address with the emailed link',
    description: '`{ "token" }`, the token from the emailed link. Needs no sign-in: the link is the proof.',
    body: confirmEmailFields,
    responses: {
      200: { description: 'The address is confirmed: the account.', schema: userOut },
      400: { description: 'The link is unknown, used or expired (`details.reason`).' },
    },
  }, async ({ body }) => presentUser(await confirmEmail(deps, body)));
}
