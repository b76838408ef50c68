// The sources panel: the feeds and pages `clashwatch watch` follows, their health and last update.

import { el } from "./dom.js";
import { getJSON } from "./api.js";

const HEALTH_TITLES = {
  new: "not fetched yet",
  ok: "last fetch succeeded",
  retrying: "failed lately; asked again later and later",
  failing: "failed three or more times in a row",
};

function when(value) {
  return value ? new Date(value).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "–";
}

export async function showSources(panel) {
  const sources = await getJSON("/api/sources");
  panel.hidden = sources.length === 0;
  if (!sources.length) return;
  const latest = sources.map((source) => source.last_success).filter(Boolean).sort().pop();
  panel.querySelector("#sources-note").textContent =
    `${sources.length} followed, last update ${when(latest)}`;
  const rows = sources.map((source) =>
    el("tr", { "data-health": source.health },
      el("td", { title: source.url }, source.name || source.url),
      el("td", {}, source.kind),
      el("td", { class: `health ${source.health}`, title: HEALTH_TITLES[source.health] }, source.health),
      el("td", {}, when(source.last_fetch)),
      el("td", {}, when(source.last_new)),
      el("td", { class: "number" }, source.articles),
      el("td", { class: "muted" }, source.last_error || "")));
  panel.querySelector("tbody").replaceChildren(...rows);
}
