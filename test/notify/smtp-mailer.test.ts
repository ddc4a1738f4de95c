import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSmtpUrl, SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { freePort } from '../support/processes.ts';

const FROM = 'Plaza <noreply@plaza.test>';
let server: TestSmtpServer | undefined;
let mailer: SmtpMailer | undefined;

afterEach(async () => {
  await mailer?.close();
  await server?.close();
  mailer = server = undefined;
});

/** The error a send fails with; the test fails if it succeeds. */
async function failure(sending: Promise<void>): Promise<Error> {
  const outcome = await sending.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error(`Expected the send to fail with an Error, got ${String(outcome)}`);
  return outcome;
}

describe('SmtpMailer', () => {
  it('delivers a message with its recipient, subject and text, non-ASCII included', async () => {
    server = await startSmtpServer({ user: 'plaza', pass: 'p@ss:wörd/1' });
    expect(server.url).toContain('p%40ss%3Aw%C3%B6rd%2F1');
    mailer = SmtpMailer.fromUrl(server.url, FROM, { timeoutMs: 2000 });
    const text = 'Hello Andrés — café ☕\nSecond line: https://plaza.test/reset?token=abc&x=1\n';
    await mailer.send({
      to: 'andres@example.org',
      subject: 'Andrés — café',
      text,
      html: '<p>Hello Andrés — café</p>',
      headers: { 'List-Unsubscribe': '<https://plaza.test/u/1>' },
    });
    const [mail] = await server.waitFor(1);
    expect(mail!.from).toBe('noreply@plaza.test');
    expect(mail!.to).toEqual(['andres@example.org']);
    expect(mail!.subject).toBe('Andrés — café');
    expect(mail!.text).toBe(text);
    expect(mail!.raw).toMatch(/^List-Unsubscribe: <https:\/\/plaza\.test\/u\/1>\r?$/m);
    expect(mail!.raw).toMatch(/multipart\/alternative/);
  });

  it('sends without credentials when the URL has none', async () => {
    server = await startSmtpServer();
    expect(server.url).toBe(`smtp://127.0.0.1:${server.port}`);
    mailer = SmtpMailer.fromUrl(server.url, FROM, { timeoutMs: 2000 });
    await mailer.send({ to: 'a@example.org', subject: 'Plain', text: 'Just text' });
    await mailer.send({ to: 'b@example.org', subject: 'Second', text: 'More text' });
    const mails = await server.waitFor(2);
    expect(mails.map((m) => [m.to[0], m.subject, m.text.trim()])).toEqual([
      ['a@example.org', 'Plain', 'Just text'],
      ['b@example.org', 'Second', 'More text'],
    ]);
  });

  it('names the host, not the password, when the login is refused', async () => {
    server = await startSmtpServer({ user: 'plaza', pass: 'right-secret' });
    mailer = SmtpMailer.fromUrl(`smtp://plaza:wrong-secret@127.0.0.1:${server.port}`, FROM, { timeoutMs: 2000 });
    const err = await failure(mailer.send({ to: 'a@example.org', subject: 'S', text: 'T' }));
    expect(err.message).toContain(`127.0.0.1:${server.port}`);
    expect(err.message).toMatch(/login|auth/i);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain('wrong-secret');
    expect(server.messages).toHaveLength(0);
  });

  it('reports the reply of a server that rejects the message', async () => {
    server = await startSmtpServer({ failWith: { code: 554, message: 'Message refused by policy' } });
    mailer = SmtpMailer.fromUrl(server.url, FROM, { timeoutMs: 2000 });
    const err = await failure(mailer.send({ to: 'a@example.org', subject: 'S', text: 'T' }));
    expect(err.message).toContain(`Could not send mail through 127.0.0.1:${server.port}`);
    expect(err.message).toContain('Message refused by policy');
    expect(server.messages).toHaveLength(0);
  });

  it('fails clearly when nothing listens on the port', async () => {
    const port = await freePort();
    mailer = SmtpMailer.fromUrl(`smtp://127.0.0.1:${port}`, FROM, { timeoutMs: 1000 });
    const started = Date.now();
    const err = await failure(mailer.send({ to: 'a@example.org', subject: 'S', text: 'T' }));
    expect(err.message).toContain(`Could not send mail through 127.0.0.1:${port}`);
    expect(err.message).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives up within the timeout on a server that never greets', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const { port } = silent.address() as AddressInfo;
    try {
      mailer = SmtpMailer.fromUrl(`smtp://127.0.0.1:${port}`, FROM, { timeoutMs: 400 });
      const started = Date.now();
      const err = await failure(mailer.send({ to: 'a@example.org', subject: 'S', text: 'T' }));
      expect(err.message).toContain(`127.0.0.1:${port}`);
      expect(err.message).toMatch(/greeting|timeout/i);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('SMTP URLs', () => {
  it('reads host, port, TLS mode and decoded credentials', () => {
    expect(parseSmtpUrl('smtp://us%40er:p%3Ass@mail.city.gov:2525')).toEqual({ host: 'mail.city.gov', port: 2525, secure: false, user: 'us@er', pass: 'p:ss' });
    expect(parseSmtpUrl('smtps://mail.city.gov')).toEqual({ host: 'mail.city.gov', port: 465, secure: true });
    expect(parseSmtpUrl('smtp://mail.city.gov')).toMatchObject({ port: 587, secure: false });
    expect(parseSmtpUrl('smtp://[::1]:25')).toMatchObject({ host: '::1', port: 25 });
  });

  it('refuses malformed URLs at construction with a clear message', () => {
    expect(() => SmtpMailer.fromUrl('mail.city.gov:587', FROM)).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => SmtpMailer.fromUrl('not a url', FROM)).toThrow(/not a valid URL/);
    expect(() => SmtpMailer.fromUrl('http://mail.city.gov', FROM)).toThrow(/must start with smtp:\/\/ or smtps:\/\/, not http:/);
    expect(() => SmtpMailer.fromUrl('smtp://mail.city.gov/inbox', FROM)).toThrow(/path/);
    expect(() => SmtpMailer.fromUrl('smtp://:secret@mail.city.gov', FROM)).toThrow(/no user name/);
    expect(() => SmtpMailer.fromUrl('smtp://u:%E0%A4%A@mail.city.gov', FROM)).toThrow(/badly encoded/);
    expect(() => SmtpMailer.fromUrl('smtp://mail.city.gov', ' ')).toThrow(/sender/);
  });
});
