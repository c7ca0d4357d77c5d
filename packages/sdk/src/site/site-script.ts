import { INVISIBLE } from "./escape-html.js";
import { PLAIN_SHELL_WORD } from "./install-command.js";
import { SEARCH_FLAGS } from "./search-data.js";

/**
 * The catalog's one script (`site/catalog.js`). Pages read without it; it adds what needs a program:
 * on the index pages, search and filters over every agent (the compact index in
 * `site/search-index.js`), showing the first hundred matches and more on request; on an agent page,
 * the registry's own address in the install command and the copy button. It makes no request and
 * never parses text as markup: it builds elements and sets `textContent`, `hidden` and `href` only.
 */
export const SITE_SCRIPT = `"use strict";
(() => {
  const FLAGS = ${JSON.stringify(SEARCH_FLAGS)};
  const SHOWN = 100;
  const $ = (id) => document.getElementById(id);
  const INVISIBLE = new RegExp(${JSON.stringify(INVISIBLE)}, "u");

  // A shell word: registry paths and URLs go into a command the reader pastes into a shell.
  const shellWord = (word) => (${PLAIN_SHELL_WORD}.test(word) ? word : "'" + word.replaceAll("'", "'\\\\''") + "'");

  /** An element with a class and text; text goes through visible(), as the build's escaping does. */
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.append(visible(text));
    return node;
  }

  /** Text whose invisible characters show as their code points, as on the pages the build wrote. */
  function visible(text) {
    const fragment = document.createDocumentFragment();
    let rest = text;
    for (let match = INVISIBLE.exec(rest); match; match = INVISIBLE.exec(rest)) {
      fragment.append(rest.slice(0, match.index));
      const code = "U+" + match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
      const marker = element("span", "cp");
      marker.textContent = code;
      marker.title = code;
      fragment.append(marker);
      rest = rest.slice(match.index + match[0].length);
    }
    fragment.append(rest);
    return fragment;
  }

  function badge(text, kind) {
    return element("span", kind ? "badge " + kind : "badge", text);
  }

  /** One search result, the same card the build writes for the index pages. */
  function card(data, row) {
    const [name, latest, summary, keywords, tools, model, flags, permissionMode] = row;
    const item = element("li", "agent");
    const heading = element("h2");
    const link = element("a", "", name);
    link.href = "agents/" + encodeURIComponent(name) + ".html";
    heading.append(link, " ", element("span", "muted", latest));
    if (flags & FLAGS.yanked) heading.append(" ", badge("yanked", "bad"));
    if (flags & FLAGS.deprecated) heading.append(" ", badge("deprecated", "warn"));
    const facts = element("p", "facts", "Tools: ");
    if (tools === "*") facts.append(badge("all tools", "warn"));
    else if (tools.length === 0) facts.append(element("span", "muted", "no tools"));
    else tools.forEach((tool, i) => facts.append(i === 0 ? "" : ", ", element("code", "", data.tools[tool])));
    if (permissionMode) facts.append(" ", badge("permissionMode: " + permissionMode, "warn"));
    if (flags & FLAGS.hooks) facts.append(" ", badge("hooks", "warn"));
    if (flags & FLAGS.mcpServers) facts.append(" ", badge("mcpServers", "warn"));
    facts.append(" · Model: ", model === -1 ? element("span", "muted", "inherit") : element("code", "", data.models[model]));
    item.append(heading, element("p", "", summary), facts);
    if (keywords.length > 0) {
      const words = element("p", "keywords");
      keywords.forEach((keyword, i) => words.append(i === 0 ? "" : " ", badge(keyword)));
      item.append(words);
    }
    return item;
  }

  function startSearch(data) {
    const form = $("search"), query = $("q"), tool = $("tool"), model = $("model"), count = $("count");
    const list = $("agents"), results = $("results"), more = $("more"), pager = $("pager");
    if (!form || !results) return;
    const rows = data.agents.map((row) => ({ row, text: [row[0], row[2], ...row[3]].join("\\n").toLowerCase() }));
    let matches = [];
    let shown = 0;
    let pending = 0;
    const showMore = () => {
      const next = matches.slice(shown, shown + SHOWN).map(({ row }) => card(data, row));
      results.append(...next);
      shown += next.length;
      more.hidden = shown >= matches.length;
    };
    const run = () => {
      pending = 0;
      const terms = query.value.toLowerCase().split(/\\s+/).filter(Boolean);
      const grant = tool.value, wanted = model.value;
      const searching = terms.length > 0 || grant !== "" || wanted !== "";
      list.hidden = searching;
      if (pager) pager.hidden = searching;
      results.hidden = !searching;
      results.replaceChildren();
      matches = [];
      shown = 0;
      if (!searching) {
        more.hidden = true;
        count.textContent = count.dataset.page;
        return;
      }
      matches = rows.filter(({ row, text }) => {
        if (!terms.every((term) => text.includes(term))) return false;
        const tools = row[4];
        if (grant !== "" && (grant === "*" ? tools !== "*" : tools !== "*" && !tools.includes(Number(grant)))) return false;
        return wanted === "" || String(row[5]) === wanted;
      });
      showMore();
      const total = rows.length;
      count.textContent = matches.length + " of " + total + (total === 1 ? " agent" : " agents") + (matches.length > shown ? ", the first " + shown + " shown" : "");
    };
    const schedule = () => { pending ||= requestAnimationFrame(run); };
    form.addEventListener("input", schedule);
    form.addEventListener("submit", (event) => event.preventDefault());
    more.addEventListener("click", () => {
      showMore();
      count.textContent = matches.length + " of " + rows.length + " agents" + (matches.length > shown ? ", the first " + shown + " shown" : "");
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "/" && document.activeElement !== query && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        query.focus();
      }
    });
    const initial = new URLSearchParams(location.search).get("q");
    if (initial) query.value = initial;
    form.hidden = false;
    if (initial) run();
  }

  function fillRegistryUrl(slot) {
    const root = new URL(slot.dataset.root || "./", location.href);
    root.search = "";
    root.hash = "";
    let where;
    if (root.protocol === "http:" || root.protocol === "https:") where = root.href.replace(/\\/$/, "");
    else if (root.protocol === "file:") where = decodeURIComponent(root.pathname).replace(/\\/$/, "");
    if (where) slot.textContent = shellWord(where);
  }

  function startCopy(button) {
    const source = $(button.dataset.copy);
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = source.textContent;
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        // No clipboard API (an insecure origin): copy the selection the old way.
        const range = document.createRange();
        range.selectNodeContents(source);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        document.execCommand("copy");
      }
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
  }

  if (globalThis.agentregSearchIndex) startSearch(globalThis.agentregSearchIndex);
  document.querySelectorAll("[data-registry-url]").forEach(fillRegistryUrl);
  document.querySelectorAll("button[data-copy]").forEach(startCopy);
})();
`;
