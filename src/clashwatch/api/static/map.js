// The event map: country outlines and event markers in SVG, equirectangular projection
// (one SVG unit per degree: x = longitude + 180, y = 90 - latitude), zoomed and panned through the viewBox.

import { svg } from "./dom.js";
import { typeColour } from "./colors.js";

const WORLD = { x: 0, y: 0, w: 360, h: 180 };
const MIN_WIDTH = 4; // degrees across at the deepest zoom
const MARKER_PIXELS = 5;

function project([longitude, latitude]) {
  return [longitude + 180, 90 - latitude];
}

function ringPath(ring) {
  return "M" + ring.map((point) => project(point).map((v) => v.toFixed(2)).join(",")).join("L") + "Z";
}

function countryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

export class EventMap {
  constructor(element, onSelect) {
    this.element = element;
    this.onSelect = onSelect;
    this.view = { ...WORLD };
    this.land = svg("g", { class: "land" });
    this.markers = svg("g", { class: "markers" });
    element.append(svg("rect", { class: "sea", x: -360, y: -180, width: 1080, height: 540 }), this.land, this.markers);
    this.listen();
    this.apply();
  }

  async loadOutlines(url) {
    const response = await fetch(url);
    const outlines = await response.json();
    for (const feature of outlines.features) {
      const path = svg("path", { d: countryPath(feature.geometry), "fill-rule": "evenodd" });
      path.append(svg("title", { text: feature.properties.name }));
      this.land.append(path);
    }
  }

  show(features) {
    this.markers.replaceChildren();
    for (const feature of features) {
      const [x, y] = project(feature.geometry.coordinates);
      const event = feature.properties;
      const marker = svg("circle", {
        class: "marker",
        cx: x.toFixed(3),
        cy: y.toFixed(3),
        fill: typeColour(event.event_type),
        "data-id": feature.id,
        "data-type": event.event_type || "",
        tabindex: 0,
        role: "link",
      });
      const label = [event.event_date, event.event_type, event.sub_event_type, event.location, event.country]
        .filter(Boolean)
        .join(" · ");
      marker.append(svg("title", { text: label }));
      marker.addEventListener("click", () => this.onSelect(feature.id));
      marker.addEventListener("keydown", (key) => key.key === "Enter" && this.onSelect(feature.id));
      this.markers.append(marker);
    }
    this.sizeMarkers();
  }

  // Frames the given features with some margin, or the whole world when there are none.
  fit(features) {
    if (!features.length) return this.reset();
    const xs = features.map((f) => project(f.geometry.coordinates)[0]);
    const ys = features.map((f) => project(f.geometry.coordinates)[1]);
    const margin = 12;
    const left = Math.min(...xs) - margin;
    const top = Math.min(...ys) - margin;
    let w = Math.max(Math.max(...xs) + margin - left, MIN_WIDTH * 4);
    let h = Math.max(...ys) + margin - top;
    w = Math.max(w, h * this.aspect());
    h = w / this.aspect();
    const cx = left + (Math.max(...xs) + margin - left) / 2;
    const cy = top + (Math.max(...ys) + margin - top) / 2;
    this.setView({ x: cx - w / 2, y: cy - h / 2, w, h });
  }

  reset() {
    const w = WORLD.w;
    const h = w / this.aspect();
    this.setView({ x: 0, y: (WORLD.h - h) / 2, w, h });
  }

  aspect() {
    const box = this.element.getBoundingClientRect();
    return box.width && box.height ? box.width / box.height : 2;
  }

  setView(view) {
    const w = Math.min(Math.max(view.w, MIN_WIDTH), WORLD.w * 1.5);
    const h = (view.h * w) / view.w;
    this.view = { x: view.x + (view.w - w) / 2, y: view.y + (view.h - h) / 2, w, h };
    this.apply();
  }

  apply() {
    const { x, y, w, h } = this.view;
    this.element.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    this.sizeMarkers();
  }

  // Markers keep the same size on screen at every zoom.
  sizeMarkers() {
    const width = this.element.getBoundingClientRect().width || 800;
    const radius = (MARKER_PIXELS * this.view.w) / width;
    for (const marker of this.markers.children) marker.setAttribute("r", radius.toFixed(4));
  }

  toMapPoint(clientX, clientY) {
    const box = this.element.getBoundingClientRect();
    return {
      x: this.view.x + ((clientX - box.left) / box.width) * this.view.w,
      y: this.view.y + ((clientY - box.top) / box.height) * this.view.h,
    };
  }

  listen() {
    this.element.addEventListener(
      "wheel",
      (wheel) => {
        wheel.preventDefault();
        const factor = wheel.deltaY < 0 ? 1 / 1.25 : 1.25;
        const anchor = this.toMapPoint(wheel.clientX, wheel.clientY);
        const w = Math.min(Math.max(this.view.w * factor, MIN_WIDTH), WORLD.w * 1.5);
        const scale = w / this.view.w;
        this.view = {
          x: anchor.x - (anchor.x - this.view.x) * scale,
          y: anchor.y - (anchor.y - this.view.y) * scale,
          w,
          h: this.view.h * scale,
        };
        this.apply();
      },
      { passive: false },
    );
    let drag = null;
    this.element.addEventListener("pointerdown", (down) => {
      if (down.target.classList.contains("marker")) return;
      drag = { x: down.clientX, y: down.clientY, view: { ...this.view } };
      this.element.setPointerCapture(down.pointerId);
    });
    this.element.addEventListener("pointermove", (move) => {
      if (!drag) return;
      const box = this.element.getBoundingClientRect();
      const dx = ((move.clientX - drag.x) / box.width) * drag.view.w;
      const dy = ((move.clientY - drag.y) / box.height) * drag.view.h;
      this.view = { ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy };
      this.apply();
    });
    const end = () => (drag = null);
    this.element.addEventListener("pointerup", end);
    this.element.addEventListener("pointercancel", end);
  }
}
