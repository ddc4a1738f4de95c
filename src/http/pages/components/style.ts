import { PAGE_BACKGROUND } from '../../../domain/site/settings.ts';

/**
 * The portal's own rules, served after USWDS's in the one stylesheet
 * (src/http/assets/stylesheet.ts): the page frame, the catalog's columns and
 * what USWDS has no component for. Colours come from USWDS's tokens and the
 * site's palette (`--plaza-*`, set by the Layout from the settings). Every
 * background behind links is the page's own (the accent colour is checked
 * against it) or white.
 */
export const STYLE = `
:root{--ink:#1b1b1b;--muted:#565c65;--line:#dfe1e2;--accent:var(--plaza-accent,#005ea2);--bg:${PAGE_BACKGROUND};--primary:var(--plaza-primary,#162e51)}
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif,Apple Color Emoji,Segoe UI Emoji;font-size:1.06rem;line-height:1.5;color:var(--ink);background:var(--bg)}
h1,h2,h3{line-height:1.2}h1{font-size:2rem;margin:.5rem 0 1rem}h2{font-size:1.4rem}
a{color:var(--accent)}a:visited{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus,[tabindex]:focus{outline:.25rem solid #2491ff;outline-offset:0}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
.plaza-header{background:var(--primary);color:#fff;padding:.6rem 1.5rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
.plaza-header a,.plaza-header a:visited{color:#fff}.plaza-logo{margin:0;flex:1 1 auto;font-size:1.3rem;font-weight:700;line-height:1.2}
.plaza-logo a{text-decoration:none;display:inline-flex;align-items:center;gap:.5rem}.plaza-logo img{max-width:8rem;object-fit:contain}
.plaza-header>nav:not(.languages){display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;font-weight:700}.plaza-header>nav:not(.languages) a{text-decoration:none;padding:.25rem 0;border-bottom:.2rem solid transparent}.plaza-header>nav:not(.languages) a:hover{border-bottom-color:#fff}
.languages{display:flex;gap:.75rem;font-size:.95rem}.languages [aria-current]{font-weight:700;text-decoration:underline}
main{max-width:75rem;margin:0 auto;padding:1.5rem;overflow-wrap:break-word}main>*{max-width:100%}pre{overflow:auto;max-width:100%}.wide{overflow-x:auto;max-width:100%}
.card,.usa-card__container{background:#fff;border:1px solid var(--line);border-radius:.25rem;padding:1rem 1.25rem;margin:0 0 1rem}fieldset{min-width:0}
.usa-card{margin-bottom:1rem;list-style:none}.usa-card__container{margin:0}.card h2,.card h3,.usa-card__heading{margin:.1rem 0 .3rem;font-size:1.2rem}.meta{color:var(--muted);font-size:.95rem}
.card-list{list-style:none;margin:0;padding:0}.usa-card__container>p{margin:.4rem 0 0}
table{border-collapse:collapse;background:#fff;font-size:.95rem}.usa-table{margin:0;font-size:.95rem}.usa-table th,.usa-table td{padding:.35rem .6rem;vertical-align:top;border-color:var(--line)}.usa-table--compact th,.usa-table--compact td{padding:.25rem .5rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}table:not(.usa-table){width:100%}
th{background:#fff;position:sticky;top:0}.usa-table thead th{background:#fff;border-bottom:2px solid var(--ink)}.usa-table thead th[aria-sort]{background:#fff;box-shadow:inset 0 -.25rem 0 var(--accent)}.scroll{overflow:auto;max-height:32rem;border:1px solid var(--line)}
table.compact th,table.compact td{padding:.15rem .4rem}table.compact td>div{width:max-content;max-width:18rem;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
.badge{display:inline-block;border:1px solid var(--line);border-radius:2px;padding:0 .4rem;font-size:.85rem;color:var(--muted);background:#fff}.badge.warn{border-color:#8a5300;color:#6b4100;background:#fff6e5}
.usa-tag{background:#dfe1e2;color:var(--ink);text-transform:none;font-size:.85rem}.usa-tag.warn{background:#fff6e5;color:#6b4100}
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.2rem 1rem}dt{font-weight:700}dd{margin:0;min-width:0}
.usa-button{margin-right:.25rem}.usa-input,.usa-select,.usa-textarea{max-width:100%}.usa-form{max-width:40rem}.usa-form .usa-button{margin-top:1rem}
.usa-form-group{margin-top:1rem}.usa-hint{color:var(--muted)}.usa-label,.usa-form-group>label{display:block;margin-top:0;font-weight:700;line-height:1.2}.usa-form-group--error>label{font-weight:700}.usa-legend{font-weight:700}
.field-error{display:block}.usa-alert{margin:0 0 1rem;padding:.75rem 1rem}.usa-alert>:last-child{margin-bottom:0}.usa-alert>:first-child{margin-top:0}
.badge.usa-tag{border:0;padding:.1rem .5rem}
.catalog{display:grid;grid-template-columns:minmax(0,1fr);gap:0 2rem}@media (min-width:48em){.catalog{grid-template-columns:15rem minmax(0,1fr)}.catalog>.results:only-child{grid-column:1/-1}}
.facets{margin:0;min-width:0}.facets h2{font-size:1rem;margin:1rem 0 .25rem}.facets .usa-sidenav{font-size:.95rem}.facets .usa-sidenav a{padding:.4rem .75rem}
.search{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:end;margin:0 0 1rem}.search .usa-search{display:flex;flex:1 1 20rem;max-width:36rem}.usa-search .usa-input{flex:1 1 auto;min-width:0;max-width:none}.search .usa-select{margin-top:.25rem}
@media (max-width:47.99em){.facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:0 1rem;margin-bottom:1rem}}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:1px solid var(--line);margin:0 0 1rem}.tabs a{padding:.5rem .9rem;border:1px solid transparent;border-bottom:none;border-radius:.25rem .25rem 0 0;text-decoration:none;font-weight:700}.tabs a[aria-current=page]{border-color:var(--line);background:#fff;color:var(--ink);box-shadow:inset 0 .25rem 0 var(--accent)}
.spark{display:block}.top{list-style:none;margin:0;padding:0;font-size:.9rem}
.usa-pagination{background:transparent;margin:1rem 0}
.usa-step-indicator{margin:0 0 1.5rem}.usa-step-indicator__segment--current::after{background-color:var(--accent)}
.plaza-footer{color:var(--muted);font-size:.9rem;text-align:center;padding:2rem;background:#fff;border-top:1px solid var(--line)}
@media (max-width:40em){main{padding:1rem}.plaza-header{padding:.6rem 1rem}dl{grid-template-columns:minmax(0,1fr);gap:0}dd{margin:0 0 .5rem}h1{font-size:1.6rem}}
`;
