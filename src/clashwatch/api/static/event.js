// The event page: fields, claims, the versions each source tells, and each source article with the evidence
// of every field highlighted. Article text is untrusted: it only ever becomes text nodes.

import { el, safeLink } from "./dom.js";
import { getJSON } from "./api.js";
import { fieldColour, fieldLabel, fieldRank, typeColour } from "./colors.js";

const SHOWN_FIELDS = [
  ["event_date", "Date"],
  ["event_type", "Type"],
  ["sub_event_type", "Sub-type"],
  ["actor1", "Actor 1"],
  ["assoc_actor_1", "Associated with actor 1"],
  ["actor2", "Actor 2"],
  ["assoc_actor_2", "Associated with actor 2"],
  ["interaction", "Interaction"],
  ["target", "Target"],
  ["location", "Location"],
  ["admin2", "Admin 2"],
  ["admin1", "Admin 1"],
  ["country", "Country"],
  ["fatalities", "Fatalities"],
  ["injuries", "Injuries"],
  ["weapons", "Weapons"],
  ["disorder_type", "Disorder type"],
];

function display(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "—";
  return String(value);
}

export async function renderEvent(container, eventId) {
  container.replaceChildren(el("p", { class: "muted", text: "Loading event…" }));
  const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  const articles = await Promise.all(
    event.sources.map((source) => getJSON(`/api/articles/${encodeURIComponent(source.id)}`)),
  );
  container.replaceChildren(
    el("p", {}, el("a", { href: "#/", text: "← All events" })),
    heading(event),
    el("div", { class: "event-grid" }, fieldsPanel(event), claimsPanel(event)),
    versionsPanel(event),
    ...articles.map((article) => articlePanel(article, event)),
  );
}

function heading(event) {
  const where = [event.location, event.admin1, event.country].filter(Boolean).join(", ");
  const swatch = el("span", { class: "swatch" });
  swatch.style.backgroundColor = typeColour(event.event_type);
  return el(
    "h2",
    { class: "event-title" },
    swatch,
    `${event.sub_event_type || event.event_type || "Event"} — ${where || "unknown place"}, ${event.event_date || "undated"}`,
    event.contested ? el("span", { class: "badge contested", text: "contested" }) : null,
  );
}

function fieldsPanel(event) {
  const rows = SHOWN_FIELDS.map(([name, label]) =>
    el("tr", {}, el("th", { scope: "row", text: label }), el("td", { text: display(event[name]) })),
  );
  const coordinates =
    event.latitude === null ? "—" : `${event.latitude.toFixed(4)}, ${event.longitude.toFixed(4)} (precision ${display(event.geo_precision)})`;
  rows.push(el("tr", {}, el("th", { scope: "row", text: "Coordinates" }), el("td", { text: coordinates })));
  return el("section", { class: "panel" }, el("h3", { text: "Fields" }), el("table", { class: "fields" }, el("tbody", {}, rows)));
}

function claimant(claim) {
  return claim.claimant || claim.outlet || "the reporter";
}

function claimsPanel(event) {
  const items = event.claims.map((claim) => {
    const flags = ["negated", "hypothetical", "future", "historical"].filter((flag) => claim[flag]);
    return el(
      "li",
      { class: "claim" },
      el("strong", { text: claimant(claim) }),
      " ",
      el("span", { class: `badge stance-${claim.stance}`, text: claim.stance }),
      claim.cue_span ? el("span", { class: "muted", text: ` (“${claim.cue_span.text}”)` }) : null,
      flags.length ? el("span", { class: "badge", text: flags.join(", ") }) : null,
      el("div", { class: "muted", text: [claim.outlet, claim.published].filter(Boolean).join(", ") }),
      ...claim.sentences.map((sentence) => el("blockquote", { text: sentence.text })),
    );
  });
  return el("section", { class: "panel" }, el("h3", { text: `Claims (${event.claims.length})` }), el("ul", { class: "claims" }, items));
}

// Each claim's version of the event in its own column; rows where the versions disagree are marked.
function versionsPanel(event) {
  const claims = event.claims.filter((claim) => Object.keys(claim.version || {}).length);
  if (!claims.length) return el("span");
  const fields = [...new Set(claims.flatMap((claim) => Object.keys(claim.version)))];
  const header = el(
    "tr",
    {},
    el("th", { text: "Field" }),
    ...claims.map((claim) => el("th", {}, claimant(claim), " ", el("span", { class: `badge stance-${claim.stance}`, text: claim.stance }))),
  );
  const rows = fields.map((field) => {
    const values = claims.map((claim) => display(claim.version[field]));
    const differs = new Set(values).size > 1;
    return el(
      "tr",
      { class: differs ? "differs" : null },
      el("th", { scope: "row", text: fieldLabel(field) }),
      ...values.map((value) => el("td", { text: value })),
    );
  });
  const title = event.contested ? "Contested versions, side by side" : "Versions by source";
  return el(
    "section",
    { class: "panel versions" },
    el("h3", { text: title }),
    el("table", { class: "versions-table" }, el("thead", {}, header), el("tbody", {}, rows)),
  );
}

function articlePanel(article, event) {
  const spans = article.evidence.filter((ref) => ref.event_id === event.id);
  const fields = [...new Set(spans.map((span) => span.field))].sort((a, b) => fieldRank(a) - fieldRank(b));
  const legend = el(
    "div",
    { class: "legend field-legend" },
    fields.map((field) => el("span", { class: "key" }, colourChip(field), fieldLabel(field))),
  );
  const meta = [article.outlet, article.published].filter(Boolean).join(", ");
  return el(
    "section",
    { class: "panel article", "data-article": article.id },
    el("h3", { text: article.title || "Untitled article" }),
    el("p", { class: "muted" }, meta, article.url ? " · " : "", article.url ? safeLink(article.url) : null),
    legend,
    highlighted(article.text, spans),
  );
}

function colourChip(field) {
  const chip = el("span", { class: "chip" });
  chip.style.backgroundColor = fieldColour(field);
  return chip;
}

// Splits the text at every span boundary; each piece covered by spans is one <mark> coloured by its most
// specific (shortest) span and titled with every field it supports.
export function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(span.start, text.length)));
    cuts.add(Math.max(0, Math.min(span.end, text.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const body = el("div", { class: "article-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    if (!covering.length) {
      body.append(document.createTextNode(piece));
      continue;
    }
    const innermost = covering.reduce((best, span) => (span.end - span.start < best.end - best.start ? span : best));
    const names = [...new Set(covering.map((span) => span.field))];
    const mark = el("mark", { "data-fields": names.join(" "), title: names.map(fieldLabel).join(", "), text: piece });
    mark.style.backgroundColor = fieldColour(innermost.field);
    body.append(mark);
  }
  return body;
}
