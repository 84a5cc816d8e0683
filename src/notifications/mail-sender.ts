import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Where the outbox's emails go: a pluggable port, so a deployment chooses its own delivery. */
export interface MailSender {
  /** Resolves once the message is accepted (written, or taken by the mail server); throws otherwise. */
  send(message: MailMessage): Promise<void>;
  /** For the start-up log: where mail goes, without secrets. */
  readonly description: string;
}

/**
 * For development: each email is written as a standard .eml file (RFC 5322, built by nodemailer)
 * into a folder, where a developer opens it with any mail program.
 */
export function fileMailSender(options: { dir: string; from: string }): MailSender {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `files in ${options.dir}`,
    async send(message) {
      const info = await composer.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, messageId: `<${message.id}@redbag>` });
      await mkdir(options.dir, { recursive: true });
      await writeFile(join(options.dir, `${message.id}.eml`), info.message as Buffer, { flush: true });
    },
  };
}

/** Production: an SMTP server (smtp://… or smtps://…, with credentials in the URL if it needs them). */
export function smtpMailSender(options: { url: string; from: string }): MailSender {
  const transport = nodemailer.createTransport(options.url);
  const host = new URL(options.url).host;
  return {
    description: `SMTP server ${host}`,
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, messageId: `<${message.id}@redbag>` });
    },
  };
}
