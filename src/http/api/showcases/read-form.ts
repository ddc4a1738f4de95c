import type { FastifyRequest } from 'fastify';

/** A showcase as sent: its fields (a field sent more than once is a list) and the image's bytes, if any. */
export interface ShowcaseForm {
  fields: Record<string, string | string[]>;
  /** At most the image limit plus one byte: anything longer is cut there, so the action refuses it without decoding. */
  image: Buffer | null;
}

function add(fields: ShowcaseForm['fields'], name: string, value: string): void {
  const had = fields[name];
  fields[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
}

/**
 * Reads a showcase from a multipart form (an `image` file field and text
 * fields), an urlencoded form or JSON. An image over `maxBytes` is read to
 * its end and dropped past the limit, so the fields after it still arrive.
 */
export async function readShowcaseForm(req: FastifyRequest, maxBytes: number): Promise<ShowcaseForm> {
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields: ShowcaseForm['fields'] = {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string') fields[k] = v;
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) fields[k] = v as string[];
    }
    return { fields, image: null };
  }
  const fields: ShowcaseForm['fields'] = {};
  let image: Buffer | null = null;
  // `throwFileSizeLimit` is read by @fastify/multipart though its types leave it out of `parts()`. One
  // field per dataset ticked: the form lists up to 500, and the rules say how many a showcase may name.
  const options = { limits: { fileSize: maxBytes + 1, files: 1, fields: 520 }, throwFileSizeLimit: false };
  for await (const part of req.parts(options)) {
    if (part.type !== 'file') {
      if (typeof part.value === 'string') add(fields, part.fieldname, part.value);
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      if (size <= maxBytes) chunks.push(chunk);
      size += chunk.length;
    }
    if (part.fieldname === 'image' && size > 0) image = Buffer.concat(chunks).subarray(0, maxBytes + 1);
  }
  return { fields, image };
}
