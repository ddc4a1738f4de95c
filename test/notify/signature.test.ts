import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature, WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../../src/actions/notify/signature.ts';

const SECRET = 'whsec_3f9a8b';
const BODY = '{"event":"dataset.published","dataset":{"slug":"street-trees","title":"Árboles"}}';
const T = 1_760_000_000;

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 in the documented header format', () => {
    const header = signWebhook(SECRET, T, BODY);
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`, 'utf8').digest('hex');
    expect(header).toBe(`t=${T},v1=${expected}`);
    expect([WEBHOOK_SIGNATURE_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_DELIVERY_HEADER]).toEqual(['X-Plaza-Signature', 'X-Plaza-Event', 'X-Plaza-Delivery']);
  });

  it('accepts a valid signature within the tolerance, either side of now', () => {
    const header = signWebhook(SECRET, T, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY, T)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, T + 300)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, T - 300)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, T + 50, 60)).toBe(true);
  });

  it('rejects a tampered body, a wrong secret and a stale or future timestamp', () => {
    const header = signWebhook(SECRET, T, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY.replace('Árboles', 'Arboles'), T)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, `${BODY} `, T)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, BODY, T)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, T + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, T - 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, T + 61, 60)).toBe(false);
  });

  it('rejects a signature moved to another timestamp', () => {
    const v1 = signWebhook(SECRET, T, BODY).split(',v1=')[1];
    expect(verifyWebhookSignature(SECRET, `t=${T + 10},v1=${v1}`, BODY, T + 10)).toBe(false);
  });

  it('accepts any one matching v1 among several, as while a secret is rotated', () => {
    const good = signWebhook(SECRET, T, BODY).split(',v1=')[1];
    const other = signWebhook('old-secret', T, BODY).split(',v1=')[1];
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${other},v1=${good}`, BODY, T)).toBe(true);
    expect(verifyWebhookSignature('old-secret', `t=${T},v1=${other},v1=${good}`, BODY, T)).toBe(true);
    expect(verifyWebhookSignature('third', `t=${T},v1=${other},v1=${good}`, BODY, T)).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const v1 = signWebhook(SECRET, T, BODY).split(',v1=')[1]!;
    const malformed = [
      undefined,
      '',
      v1,
      `v1=${v1}`,
      `t=${T}`,
      `t=${T},v1=`,
      `t=${T},v1=${v1.slice(0, 63)}`,
      `t=${T},v1=${v1}0`,
      `t=${T},v1=${v1.toUpperCase()}`,
      `t=${T},v1=${'z'.repeat(64)}`,
      `t=abc,v1=${v1}`,
      `t=-${T},v1=${v1}`,
      `t=${T}.5,v1=${v1}`,
      `t=${T},t=${T},v1=${v1}`,
      `t=${T};v1=${v1}`,
      `t=${T},v1=${v1},garbage`,
    ];
    for (const header of malformed) expect(verifyWebhookSignature(SECRET, header, BODY, T), String(header)).toBe(false);
  });

  it('refuses to sign with a timestamp that is not whole seconds', () => {
    expect(() => signWebhook(SECRET, 1.5, BODY)).toThrow(/whole seconds/);
    expect(() => signWebhook(SECRET, Date.now() * 1000 * 1000, BODY)).toThrow(/whole seconds/);
  });
});
