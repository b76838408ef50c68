// Colours shared by the map, the timeline and the evidence highlights.

export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

const TYPE_COLOURS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#27ae60",
  Riots: "#d4569b",
  "Strategic developments": "#2e86c1",
};

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#7f8c8d";
}

// Evidence fields in the order the legend lists them; light colours so highlighted text stays readable.
const FIELD_COLOURS = [
  ["event_type", "#fde68a"],
  ["sub_event_type", "#fcd34d"],
  ["actor1", "#fca5a5"],
  ["assoc_actor_1", "#fecaca"],
  ["actor2", "#93c5fd"],
  ["assoc_actor_2", "#bfdbfe"],
  ["target", "#c4b5fd"],
  ["location", "#86efac"],
  ["event_date", "#f9a8d4"],
  ["fatalities", "#fdba74"],
  ["injuries", "#fed7aa"],
  ["weapons", "#a5f3fc"],
  ["claimed_by", "#d9f99d"],
  ["sentence", "#eef2f7"],
];
const FIELD_ORDER = FIELD_COLOURS.map(([name]) => name);
const FIELD_MAP = Object.fromEntries(FIELD_COLOURS);

export function fieldColour(field) {
  return FIELD_MAP[field] || "#e5e7eb";
}

export function fieldRank(field) {
  const index = FIELD_ORDER.indexOf(field);
  return index === -1 ? FIELD_ORDER.length : index;
}

export function fieldLabel(field) {
  return field.replace(/_/g, " ");
}
