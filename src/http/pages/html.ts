/** A whole page of HTML that is already safe to send: `renderPage` makes it from components, which escape every text and attribute. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
