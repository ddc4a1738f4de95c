/**
 * The chart builder with JavaScript on: a change to any setting redraws the
 * chart in place (the server draws it, as without JavaScript) and puts the
 * settings in the address bar, so the URL still reproduces the chart. Adds a
 * PNG download, drawn from the SVG in the browser.
 */

const form = document.querySelector<HTMLFormElement>('#chart-form');
const result = document.querySelector<HTMLElement>('#chart-result');
/** Texts in the page's language, handed over by the page on the chart's section (English when absent). */
const words = {
  png: result?.dataset.png ?? 'PNG image',
  updated: result?.dataset.updated ?? 'Chart updated: {title}.',
  failed: result?.dataset.failed ?? 'The chart could not be drawn with these settings.',
};

/** The form's settings as a query string, empty fields left out (as the server writes chart URLs). */
function queryOf(f: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(f)) if (typeof v === 'string' && v.trim() !== '') params.set(k, v.trim());
  return params.toString();
}

/** Saves the chart's SVG as a PNG at twice its size, drawn on a white canvas. */
async function downloadPng(svg: SVGSVGElement, name: string): Promise<void> {
  const box = svg.viewBox.baseVal;
  const source = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = box.width * 2;
    canvas.height = box.height * 2;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Puts a "PNG image" button beside the SVG download, when there is a chart. */
function addPngButton(): void {
  const downloads = document.querySelector('#chart-downloads');
  const svg = result?.querySelector<SVGSVGElement>('svg');
  if (!downloads || !svg || downloads.querySelector('button')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = words.png;
  const slug = location.pathname.split('/')[2] ?? 'chart';
  button.addEventListener('click', () => void downloadPng(svg, `${slug}-chart.png`));
  downloads.append(' ', button);
}

let latest = 0;

/** A status line read out by screen readers when the chart changes (the chart itself is not a live region: its table would be read whole). */
function statusLine(target: HTMLElement): HTMLElement {
  let status = document.querySelector<HTMLElement>('#chart-status');
  if (!status) {
    status = document.createElement('p');
    status.id = 'chart-status';
    status.setAttribute('role', 'status');
    status.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)';
    target.before(status);
  }
  return status;
}

/** Fetches the chart page for the form's settings and swaps in its chart, its problems and its field states. */
async function redraw(f: HTMLFormElement, target: HTMLElement): Promise<void> {
  const query = queryOf(f);
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  const mine = ++latest;
  target.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    if (mine !== latest) return;
    const fresh = doc.querySelector('#chart-result');
    if (!fresh) throw new Error('no chart in the answer');
    target.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
    // Field states (invalid, with their messages) follow the server's answer, without replacing the field being used.
    for (const el of f.querySelectorAll<HTMLElement>('[id^="chart-"]')) {
      const other = doc.getElementById(el.id);
      if (!other) continue;
      for (const attr of ['aria-invalid', 'aria-describedby']) {
        const v = other.getAttribute(attr);
        if (v === null) el.removeAttribute(attr);
        else el.setAttribute(attr, v);
      }
      if (el.tagName === 'STRONG' || el.tagName === 'SMALL') el.textContent = other.textContent;
    }
    for (const msg of [...doc.querySelectorAll('#chart-form strong[id$="-problem"]')]) {
      if (!document.getElementById(msg.id)) document.getElementById(msg.id.replace(/-problem$/, ''))?.parentElement?.append(document.importNode(msg, true));
    }
    for (const msg of [...f.querySelectorAll('strong[id$="-problem"]')]) if (!doc.getElementById(msg.id)) msg.remove();
    // Hints that apply to some settings only (what a count needs) come and go with them.
    for (const hint of [...doc.querySelectorAll('#chart-form small[id$="-help"]')]) {
      if (!document.getElementById(hint.id)) document.getElementById(hint.id.replace(/-help$/, ''))?.after(document.importNode(hint, true));
    }
    for (const hint of [...f.querySelectorAll('small[id$="-help"]')]) if (!doc.getElementById(hint.id)) hint.remove();
    history.replaceState(null, '', url);
    addPngButton();
    const title = target.querySelector('svg title')?.textContent;
    statusLine(target).textContent = title ? words.updated.replace('{title}', title) : words.failed;
  } catch {
    // The page stays as it is (the reader keeps their place and settings) and says the chart could not be drawn, with its address to open.
    if (mine !== latest) return;
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    const a = document.createElement('a');
    a.href = url;
    a.textContent = words.failed;
    p.append(a);
    target.querySelector('[role="alert"]')?.remove();
    target.append(p);
    statusLine(target).textContent = words.failed;
  } finally {
    if (mine === latest) target.removeAttribute('aria-busy');
  }
}

if (form && result) {
  // A reader stepping through a list with the arrow keys changes it on every key: the chart is drawn once they pause.
  let pause: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('change', () => {
    clearTimeout(pause);
    pause = setTimeout(() => void redraw(form, result), 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(pause);
    void redraw(form, result);
  });
  addPngButton();
}
