// The timeline: stacked SVG bars of event counts per day, week or month, one colour per event type.

import { svg } from "./dom.js";
import { EVENT_TYPES, typeColour } from "./colors.js";

const WIDTH = 1000;
const HEIGHT = 180;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };
const DAY_MS = 86400000;

function parseDay(text) {
  return new Date(`${text}T00:00:00Z`);
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// Bins wide enough that the range fits in a few hundred bars at most.
function binning(first, last) {
  const days = (last - first) / DAY_MS + 1;
  if (days <= 120) return { name: "day", start: (d) => d, next: (d) => new Date(d.getTime() + DAY_MS) };
  if (days <= 3 * 365) {
    return {
      name: "week",
      start: (d) => new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS),
      next: (d) => new Date(d.getTime() + 7 * DAY_MS),
    };
  }
  return {
    name: "month",
    start: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
    next: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)),
  };
}

export function drawTimeline(element, byDay, onPick) {
  element.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  element.replaceChildren();
  if (!byDay.length) {
    element.append(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "muted", text: "No dated events" }));
    return "";
  }
  const days = byDay.map((row) => parseDay(row.date));
  const bin = binning(new Date(Math.min(...days)), new Date(Math.max(...days)));
  const bins = new Map();
  for (const row of byDay) {
    const key = isoDay(bin.start(parseDay(row.date)));
    const counts = bins.get(key) || {};
    counts[row.event_type] = (counts[row.event_type] || 0) + row.count;
    bins.set(key, counts);
  }
  const keys = [];
  const lastBin = bin.start(new Date(Math.max(...days)));
  for (let d = bin.start(new Date(Math.min(...days))); d <= lastBin; d = bin.next(d)) keys.push(isoDay(d));
  const totals = keys.map((key) => Object.values(bins.get(key) || {}).reduce((a, b) => a + b, 0));
  const top = Math.max(...totals, 1);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / keys.length;
  const barW = Math.max(step * 0.8, 0.5);
  const types = [...EVENT_TYPES, null];

  element.append(
    svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotH, y2: PAD.top + plotH, class: "axis" }),
    svg("text", { x: PAD.left - 4, y: PAD.top + 10, "text-anchor": "end", class: "tick", text: String(top) }),
    svg("text", { x: PAD.left - 4, y: PAD.top + plotH, "text-anchor": "end", class: "tick", text: "0" }),
  );
  keys.forEach((key, index) => {
    const counts = bins.get(key) || {};
    const x = PAD.left + index * step + (step - barW) / 2;
    let y = PAD.top + plotH;
    const group = svg("g", { class: "bar", "data-bin": key });
    for (const type of types) {
      const count = type === null ? sumUnknown(counts) : counts[type] || 0;
      if (!count) continue;
      const h = (count / top) * plotH;
      y -= h;
      const rect = svg("rect", { x: x.toFixed(2), y: y.toFixed(2), width: barW.toFixed(2), height: h.toFixed(2), fill: typeColour(type) });
      rect.append(svg("title", { text: `${key} (${bin.name}): ${count} × ${type || "untyped"}` }));
      group.append(rect);
    }
    group.addEventListener("click", () => onPick(key, isoDay(new Date(bin.next(parseDay(key)).getTime() - DAY_MS))));
    element.append(group);
  });
  const labels = Math.min(keys.length, 8);
  for (let i = 0; i < labels; i++) {
    const index = Math.round((i * (keys.length - 1)) / Math.max(labels - 1, 1));
    const x = PAD.left + index * step + step / 2;
    element.append(svg("text", { x: x.toFixed(1), y: HEIGHT - 6, "text-anchor": "middle", class: "tick", text: keys[index] }));
  }
  return `per ${bin.name}; click a bar to filter to it`;
}

function sumUnknown(counts) {
  return Object.entries(counts)
    .filter(([type]) => !EVENT_TYPES.includes(type))
    .reduce((sum, [, count]) => sum + count, 0);
}
