import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHeaderWords, startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

let server: TestSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends straight through nodemailer, to control the encodings the server sees. */
async function sendRaw(url: string, mail: Record<string, unknown>): Promise<void> {
  const transport = createTransport(url);
  try {
    await transport.sendMail({ from: 'sender@plaza.test', to: 'reader@example.org', ...mail });
  } finally {
    transport.close();
  }
}

describe('the test SMTP server', () => {
  const long = `Reset your password: https://plaza.test/reset?token=${'a1b2c3'.repeat(20)}\nAndrés — café ☕ `.repeat(3);

  it('decodes a base64 text part inside multipart/mixed and multipart/alternative', async () => {
    server = await startSmtpServer();
    await sendRaw(server.url, {
      subject: 'Ünïcödé subject that is long enough to be folded across several header lines — café ☕ done',
      text: long,
      html: '<p>HTML</p>',
      textEncoding: 'base64',
      attachments: [
        { filename: 'first.txt', content: 'attached, not the body' },
        { filename: 'second.txt', content: 'also attached' },
      ],
    });
    const [mail] = await server.waitFor(1);
    expect(mail!.raw).toMatch(/multipart\/mixed/);
    expect(mail!.raw).toMatch(/Content-Transfer-Encoding: base64/);
    expect(mail!.subject).toBe('Ünïcödé subject that is long enough to be folded across several header lines — café ☕ done');
    expect(mail!.text).toBe(long);
  });

  it('joins quoted-printable soft line breaks so long links come out whole', async () => {
    server = await startSmtpServer();
    await sendRaw(server.url, { subject: 'Plain ASCII', text: long, textEncoding: 'quoted-printable' });
    const [mail] = await server.waitFor(1);
    expect(mail!.raw).toMatch(/=\r\n/);
    expect(mail!.subject).toBe('Plain ASCII');
    expect(mail!.text).toBe(long);
    expect(mail!.text).toContain(`token=${'a1b2c3'.repeat(20)}\n`);
  });

  it('rejects with a count when the messages do not arrive in time', async () => {
    server = await startSmtpServer();
    await expect(server.waitFor(1, 50)).rejects.toThrow(/Expected 1 message\(s\) within 50 ms, got 0/);
  });

  it('decodes RFC 2047 encoded words, Q and B, joining adjacent words', () => {
    expect(decodeHeaderWords('=?UTF-8?Q?Andr=C3=A9s_=E2=80=94?= =?UTF-8?B?IGNhZsOp?=')).toBe('Andrés — café');
    // A character split between two words is put back together.
    expect(decodeHeaderWords('=?UTF-8?B?w6k=?=\r\n =?utf-8?b?w6k=?= x')).toBe('éé x');
    expect(decodeHeaderWords('=?iso-8859-1?Q?caf=E9?= ok')).toBe('café ok');
    expect(decodeHeaderWords('No words =? here')).toBe('No words =? here');
  });
});
