/** The portal's one stylesheet, inlined in every page (small enough to need no request). */
export const STYLE = `
:root{--ink:#1d2733;--muted:#56616e;--line:#d5dbe1;--accent:#0b5cad;--bg:#f7f8fa}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}a:focus,button:focus,input:focus{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header{background:#12263a;color:#fff;padding:.75rem 1.5rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}header a{color:#fff}header .site{text-decoration:none;font-weight:700;font-size:1.2rem}header nav{display:flex;flex-wrap:wrap;gap:1rem}header .languages{gap:.6rem;font-size:.9rem}header .languages [aria-current]{font-weight:700}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}fieldset{min-width:0}
.card h2{margin:.1rem 0 .3rem;font-size:1.15rem}.meta{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f4;position:sticky;top:0}.scroll{overflow:auto;max-height:32rem;border:1px solid var(--line)}
table.compact th,table.compact td{padding:.15rem .4rem}table.compact td>div{width:max-content;max-width:18rem;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
.badge{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .4rem;font-size:.8rem;color:var(--muted);background:#fff}
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;min-width:0}
main{overflow-wrap:break-word}pre{overflow:auto;max-width:100%}.wide{overflow-x:auto;max-width:100%}main>*{max-width:100%}
@media (max-width:40rem){main{padding:1rem}dl{grid-template-columns:minmax(0,1fr);gap:0}dd{margin:0 0 .5rem}}
footer{color:var(--muted);font-size:.85rem;text-align:center;padding:2rem}
.facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem 1.5rem;margin:0 0 1rem}
.facets h2{font-size:.95rem;margin:.2rem 0}.facets ul{list-style:none;margin:0;padding:0;font-size:.9rem}.facets a[aria-current=true]{font-weight:700}
.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:0 0 1rem}.search input[type=search]{min-width:16rem;padding:.4rem}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:1px solid var(--line);margin:0 0 1rem}.tabs a{padding:.4rem .8rem;border:1px solid transparent;border-bottom:none;border-radius:4px 4px 0 0;text-decoration:none}.tabs a[aria-current=page]{border-color:var(--line);background:#fff;color:var(--ink);font-weight:600}
.spark{display:block}.top{list-style:none;margin:0;padding:0;font-size:.85rem}
.field-error{color:#b00020;display:block}.problem{border:2px solid #b00020;background:#fff;padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
.badge.warn{border-color:#8a5300;color:#6b4100;background:#fff6e5}
`;
