import { html, trusted, type SafeHtml } from './html.ts';

const STYLE = `
:root{--ink:#1d2733;--muted:#56616e;--line:#d5dbe1;--accent:#0b5cad;--bg:#f7f8fa}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}a:focus,button:focus,input:focus{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header{background:#12263a;color:#fff;padding:.75rem 1.5rem}header a{color:#fff;text-decoration:none;font-weight:700;font-size:1.2rem}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}
.card h2{margin:.1rem 0 .3rem;font-size:1.15rem}.meta{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f4;position:sticky;top:0}.scroll{overflow:auto;max-height:32rem;border:1px solid var(--line)}
.badge{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .4rem;font-size:.8rem;color:var(--muted);background:#fff}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
footer{color:var(--muted);font-size:.85rem;text-align:center;padding:2rem}
`;

/** The page frame: skip link, landmarks, site name. */
export function layout(opts: { title: string; siteName: string; body: SafeHtml }): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · ${opts.siteName}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><a href="/">${opts.siteName}</a> <span class="meta" style="color:#c9d3dd">open data</span></header>
<main id="main">${opts.body}</main>
<footer>Data API: <a href="/api/v1/datasets">/api/v1/datasets</a></footer>
</body>
</html>`;
}
