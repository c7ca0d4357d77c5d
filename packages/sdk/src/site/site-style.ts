/**
 * The catalog's one stylesheet (`site/catalog.css`): system fonts only (no font requests), light and
 * dark schemes from the reader's preference, one column that narrows to a phone. No
 * `content-visibility` on the cards: Chromium took a minute to lay out 10,000 of them after search
 * hid most (issue 18's measurements); index pages hold a hundred instead.
 */
export const SITE_STYLE = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--link:#0550ae;--warn:#9a6700;--warnbg:#fff8c5;--bad:#a40e26;--badbg:#ffebe9;--ok:#1a7f37;--add:#dafbe1;--del:#ffebe9;--mark:#ffd8b5}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--card:#161b22;--link:#4493f8;--warn:#d29922;--warnbg:#3b2e00;--bad:#ff7b72;--badbg:#490202;--ok:#3fb950;--add:#033a16;--del:#4b1113;--mark:#6e3b00}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.75rem;margin:.25rem 0;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
code,pre,kbd{font:.875rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.75rem;overflow-x:auto;white-space:pre}
pre.wrap{white-space:pre-wrap;overflow-wrap:anywhere}
.muted,footer{color:var(--muted)}
footer{padding:2rem 1rem;font-size:.875rem}
.crumbs{margin:0;font-size:.875rem}
.badge{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.5;padding:0 .5rem;border-radius:1rem;border:1px solid var(--line);white-space:nowrap;vertical-align:middle}
.badge.warn{color:var(--warn);background:var(--warnbg);border-color:var(--warn)}
.badge.bad{color:var(--bad);background:var(--badbg);border-color:var(--bad)}
.badge.ok{color:var(--ok);border-color:var(--ok)}
.cp{font:.75rem ui-monospace,monospace;background:var(--mark);color:var(--fg);border-radius:3px;padding:0 2px;white-space:nowrap}
#search{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0}
#search label{display:flex;flex-direction:column;font-size:.875rem;color:var(--muted)}
#search .query{flex:1 1 16rem}
input,select,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.375rem .5rem;min-height:2.5rem}
button{cursor:pointer;background:var(--card)}
input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:2px solid var(--link);outline-offset:2px}
.agents{list-style:none;margin:0;padding:0}
.agent{border-top:1px solid var(--line);padding:.75rem 0}
.pager{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.pager a,.pager span{padding:.25rem .5rem}
.agent h2{margin:0;font-size:1.125rem;overflow-wrap:anywhere}
.agent p{margin:.25rem 0;overflow-wrap:anywhere}
.facts{font-size:.875rem;color:var(--muted)}
.facts code{overflow-wrap:anywhere}
.keywords{font-size:.875rem}
.install{display:flex;gap:.5rem;align-items:stretch}
.install pre{flex:1;margin:0}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0;overflow-wrap:anywhere}
.prompt{border:1px solid var(--line);border-radius:6px;padding:0 1rem;overflow-wrap:anywhere}
.prompt table,.versions{border-collapse:collapse;display:block;overflow-x:auto}
.prompt th,.prompt td,.versions th,.versions td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
.prompt .c{text-align:center}.prompt .r{text-align:right}
.versions code{overflow-wrap:anywhere;white-space:normal}
details{margin:.5rem 0}
summary{cursor:pointer}
.diff .add{background:var(--add)}
.diff .del{background:var(--del)}
.diff .hunk{color:var(--muted)}
.description{white-space:pre-line}
.notice{border:1px solid var(--warn);background:var(--warnbg);border-radius:6px;padding:.5rem 1rem}
.notice.bad{border-color:var(--bad);background:var(--badbg)}
[hidden]{display:none!important}
@media (max-width:40rem){body{font-size:15px}.install{flex-direction:column}dl.fields{grid-template-columns:1fr}dl.fields dd{margin-bottom:.5rem}}
`;
