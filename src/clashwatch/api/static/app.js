// The dashboard: filters kept in the address (#/?event_type=…), an overview (map, timeline, sortable list)
// and an event page (#/event/<id>).

import { el } from "./dom.js";
import { getJSON, query } from "./api.js";
import { EVENT_TYPES, typeColour } from "./colors.js";
import { EventMap } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { renderEvent } from "./event.js";
import { showSources } from "./sources.js";

const FILTERS = ["event_type", "country", "since", "until", "q", "contested"];
const PAGE_SIZE = 50;
const COLUMNS = [
  ["event_date", "Date", true],
  ["event_type", "Type", true],
  ["sub_event_type", "Sub-type", false],
  ["actor1", "Actor 1", false],
  ["actor2", "Actor 2", false],
  ["location", "Location", true],
  ["country", "Country", true],
  ["fatalities", "Fatalities", true],
];

const page = {
  overview: document.getElementById("overview"),
  eventView: document.getElementById("event-view"),
  form: document.getElementById("filters"),
  summary: document.getElementById("summary"),
  map: null,
  mapReady: null,
};

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = hash.split("?");
  return { path, params: new URLSearchParams(search) };
}

function filtersFrom(params) {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || ""]));
}

function go(params) {
  location.hash = `#/?${query(params)}`;
}

async function showOverview(params) {
  page.eventView.hidden = true;
  page.overview.hidden = false;
  page.form.hidden = false;
  const filters = filtersFrom(params);
  const sort = params.get("sort") || "-event_date";
  const offset = Number(params.get("offset")) || 0;
  fillForm(filters);
  const [listing, stats, geo] = await Promise.all([
    getJSON("/api/events", { ...filters, sort, offset, limit: PAGE_SIZE }),
    getJSON("/api/stats", filters),
    getJSON("/api/events.geojson", filters),
    showSources(document.getElementById("sources")),
  ]);
  page.summary.textContent = `${plural(stats.total, "event")}, ${plural(stats.fatalities, "reported fatality", "reported fatalities")}`;
  await page.mapReady;
  page.map.show(geo.features);
  page.map.fit(geo.features);
  legend(stats.by_type);
  document.getElementById("timeline-note").textContent = drawTimeline(
    document.getElementById("timeline"),
    stats.by_day,
    (since, until) => go({ ...filters, since, until }),
  );
  table(listing, filters, sort);
}

function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

function fillForm(filters) {
  for (const name of FILTERS) {
    const input = page.form.elements[name];
    if (input.type === "checkbox") input.checked = filters[name] === "true";
    else input.value = filters[name];
  }
}

function legend(byType) {
  const counts = Object.fromEntries(byType.map((row) => [row.event_type, row.count]));
  const keys = EVENT_TYPES.map((type) => {
    const chip = el("span", { class: "chip round" });
    chip.style.backgroundColor = typeColour(type);
    return el("span", { class: "key" }, chip, `${type} (${counts[type] || 0})`);
  });
  document.getElementById("legend").replaceChildren(...keys);
}

function table(listing, filters, sort) {
  const head = document.querySelector("#events thead tr");
  head.replaceChildren(
    ...COLUMNS.map(([key, label, sortable]) => {
      if (!sortable) return el("th", { text: label });
      const active = sort.replace(/^-/, "") === key;
      const descending = sort.startsWith("-");
      const next = active && descending ? key : `-${key}`;
      const arrow = active ? (descending ? " ▼" : " ▲") : "";
      return el(
        "th",
        { class: "sortable", "aria-sort": active ? (descending ? "descending" : "ascending") : null },
        el("button", { type: "button", "data-sort": key, onclick: () => go({ ...filters, sort: next }) }, label + arrow),
      );
    }),
  );
  const rows = listing.events.map((event) => {
    const chip = el("span", { class: "chip round" });
    chip.style.backgroundColor = typeColour(event.event_type);
    const open = `#/event/${encodeURIComponent(event.id)}`;
    return el(
      "tr",
      { "data-id": event.id, onclick: (click) => click.target.tagName !== "A" && (location.hash = open) },
      el("td", {}, el("a", { href: open, text: event.event_date || "undated" })),
      el("td", {}, chip, event.event_type || "—"),
      el("td", { text: event.sub_event_type || "—" }),
      el("td", { text: event.actor1 || "" }),
      el("td", { text: event.actor2 || "" }),
      el("td", { text: event.location || "" }),
      el("td", { text: event.country || event.iso3 || "" }),
      el("td", { class: "number", text: event.fatalities ?? "" }),
    );
  });
  if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: COLUMNS.length, class: "muted", text: "No events match." })));
  document.querySelector("#events tbody").replaceChildren(...rows);
  const first = listing.total ? listing.offset + 1 : 0;
  // The API stops counting past a cap; the summary above gives the full count.
  const total = `${listing.total_exact ? "" : "more than "}${listing.total.toLocaleString("en")}`;
  document.getElementById("page-note").textContent = `${first}–${listing.offset + listing.events.length} of ${total}`;
  const prev = document.getElementById("prev");
  const next = document.getElementById("next");
  prev.disabled = listing.offset === 0;
  next.disabled = listing.next_offset === null;
  prev.onclick = () => go({ ...filters, sort, offset: Math.max(0, listing.offset - PAGE_SIZE) });
  next.onclick = () => go({ ...filters, sort, offset: listing.next_offset });
}

async function showEvent(eventId) {
  page.overview.hidden = true;
  page.form.hidden = true;
  page.eventView.hidden = false;
  window.scrollTo(0, 0);
  await renderEvent(page.eventView, eventId);
}

async function render() {
  const { path, params } = route();
  try {
    if (path.startsWith("/event/")) await showEvent(decodeURIComponent(path.slice("/event/".length)));
    else await showOverview(params);
    document.body.dataset.ready = "true";
  } catch (error) {
    page.summary.textContent = `Error: ${error.message}`;
  }
}

async function fillCountries() {
  const stats = await getJSON("/api/stats");
  const select = page.form.elements.country;
  for (const row of stats.by_country) {
    if (row.iso3) select.append(el("option", { value: row.iso3 }, `${row.country || row.iso3} (${row.count})`));
  }
}

function start() {
  const typeSelect = page.form.elements.event_type;
  for (const type of EVENT_TYPES) typeSelect.append(el("option", { value: type, text: type }));
  page.map = new EventMap(document.getElementById("map"), (id) => (location.hash = `#/event/${encodeURIComponent(id)}`));
  page.mapReady = page.map.loadOutlines("/static/world.geojson");
  page.form.addEventListener("submit", (submit) => {
    submit.preventDefault();
    const data = new FormData(page.form);
    go(Object.fromEntries(FILTERS.map((name) => [name, data.get(name) || ""])));
  });
  document.getElementById("reset").addEventListener("click", () => go({}));
  document.getElementById("map-reset").addEventListener("click", () => page.map.reset());
  window.addEventListener("hashchange", () => {
    document.body.dataset.ready = "false";
    render();
  });
  fillCountries().then(render, render);
}

start();
