/** Text made safe inside an email's HTML: the five characters HTML gives meaning to, as numeric references. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
