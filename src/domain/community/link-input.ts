import { z } from 'zod';

/** The last part of a page address (`…/datasets/street-trees` → `street-trees`), or the text as given. */
function lastPart(s: string): string {
  const last = s.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** What to link to a problem, or unlink from it: a dataset (by its slug, id or page address) or a request (by its id or page address). */
export const linkFields = z.object({
  kind: z.enum(['dataset', 'request'], { message: 'Only datasets and requests can be linked to a problem: use "dataset" or "request".' }).default('dataset'),
  target: z
    .string({ message: 'Choose a dataset.' })
    .trim()
    .min(1, 'Choose a dataset.')
    .max(500, 'Name the dataset by its slug, id or address.')
    .transform(lastPart),
});
export type LinkInput = z.infer<typeof linkFields>;

/** The same, for a request: named by its id or page address, with the messages saying so. */
export const requestLinkFields = linkFields.extend({
  target: z
    .string({ message: 'Choose a request.' })
    .trim()
    .min(1, 'Choose a request.')
    .max(500, 'Name the request by its id or address.')
    .transform(lastPart),
});
