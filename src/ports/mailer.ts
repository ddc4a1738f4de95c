/** One email to one recipient. */
export interface MailMessage {
  /** The recipient's address. */
  to: string;
  subject: string;
  /** The plain-text body; every message has one. */
  text: string;
  /** An HTML alternative to the plain text, when there is one. */
  html?: string;
  /** Extra headers, such as `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

/** Sends email. The sender address is fixed when the mailer is built. */
export interface Mailer {
  /** Hands the message to the mail server; throws when it is not accepted. */
  send(message: MailMessage): Promise<void>;
  /** Closes any open connection; the mailer is not used afterwards. */
  close(): Promise<void>;
}
