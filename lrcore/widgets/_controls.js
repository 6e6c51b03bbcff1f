// The apps' controls, status line and picture, as plain accessible HTML (loaded by anywidget).
//
// A slider is an ARIA slider (role="slider", named by its label, aria-valuetext = the readout), so a screen
// reader hears "η (learning rate), 0.176", not the log slider's exponent: Chromium ignores aria-valuetext on a
// native <input type="range"> and reads its raw value. Keys as the ARIA practices say: arrows one step,
// Page Up/Down a tenth, Home/End the ends. It works in "positions" (the exponent of a log slider, the index of
// a choice) on a grid min + k·step; the kernel maps them to values and formats the exact readout.
// While the mouse drags it, it sends at most one position every SEND_GAP ms and the exact one on release; it
// never sends back a value the kernel set (ipywidgets' noUiSlider view does, which left pages stale when code
// set a displayed slider several times in a row).
// A toggle group is a named role="group" of buttons with aria-pressed; the status line is a polite live region;
// the picture is an <img> whose alt text follows the app's state.

const SEND_GAP = 40; // ms between two positions sent while dragging: at most 25 a second
const ANNOUNCE_PAUSE = 500; // ms the status must rest before a screen reader hears it
const NAV_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);
let counter = 0;

function uid(kind) {
  counter += 1;
  return `lrcore-${kind}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

// An exact tie ("…5000…" in the double's exact decimal expansion) goes to the even digit, as in Python;
// JavaScript's toFixed and toExponential round it away from zero. `expansion` is the number printed with
// `extra` more digits than kept (toFixed and toExponential print exact digits).
function isTie(expansion, extra) {
  const tail = expansion.replace(/e.*$/, "").slice(-extra);
  return /^50*$/.test(tail);
}

function fixedEven(value, digits) {
  const extra = Math.min(40, 100 - digits);
  const expansion = Math.abs(value).toFixed(digits + extra);
  if (!isTie(expansion, extra)) return value.toFixed(digits);
  const down = Number(expansion.slice(0, -extra).replace(/\.$/, ""));
  const lastDigit = Number(down.toFixed(digits).slice(-1));
  const step = 10 ** -digits;
  const magnitude = lastDigit % 2 === 0 ? down : down + step;
  return (Math.sign(value) * magnitude).toFixed(digits);
}

function exponentialEven(value, digits) {
  const extra = Math.min(40, 100 - digits);
  const expansion = Math.abs(value).toExponential(digits + extra);
  if (!isTie(expansion, extra)) return value.toExponential(digits);
  const [mantissa, power] = expansion.split("e");
  const kept = mantissa.slice(0, mantissa.length - extra).replace(/\.$/, "");
  const lastDigit = Number(kept.slice(-1));
  const bumped = lastDigit % 2 === 0 ? Number(kept) : Number(kept) + 10 ** -digits;
  return (Math.sign(value) * bumped * 10 ** Number(power)).toExponential(digits);
}

// Python's format spec for the forms the apps use: "d", ".Nf", ".Ng" (a provisional readout while the
// kernel computes its own, exact one).
function formatNumber(value, spec) {
  const match = /^\.(\d+)([fg])$/.exec(spec);
  if (spec === "d") return String(Math.round(value));
  if (!match) return String(value);
  const digits = Number(match[1]);
  if (match[2] === "f") return fixedEven(value, digits);
  if (value === 0) return "0";
  const precision = Math.max(digits, 1);
  const [, power] = exponentialEven(value, precision - 1).split("e");
  const exponent = Number(power);
  if (exponent < -4 || exponent >= precision) {
    const [mantissa] = exponentialEven(value, precision - 1).split("e");
    const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    const sign = exponent < 0 ? "-" : "+";
    return `${trimmed}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const fixed = fixedEven(value, precision - 1 - exponent);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

function localReadout(model, position) {
  const labels = model.get("_labels");
  if (labels.length) return labels[Math.round(position)] ?? "";
  const base = model.get("_base");
  const value = base > 0 ? base ** position : position;
  return formatNumber(value, model.get("readout_format"));
}

function ariaNumber(model, position) {
  const labels = model.get("_labels");
  if (labels.length) {
    const value = Number(labels[Math.round(position)]);
    return Number.isFinite(value) ? value : Math.round(position);
  }
  const base = model.get("_base");
  return base > 0 ? base ** position : position;
}

function renderRange({ model, el }) {
  el.classList.add("lrcore-slider");
  const label = document.createElement("span");
  label.className = "lrcore-label";
  label.id = uid("label");
  const slider = document.createElement("div");
  slider.className = "lrcore-track";
  slider.setAttribute("role", "slider");
  slider.tabIndex = 0;
  slider.setAttribute("aria-labelledby", label.id);
  const fill = document.createElement("div");
  fill.className = "lrcore-fill";
  const thumb = document.createElement("div");
  thumb.className = "lrcore-thumb";
  slider.append(fill, thumb);
  const readout = document.createElement("span");
  readout.className = "lrcore-readout";
  readout.setAttribute("aria-hidden", "true"); // the slider itself announces the same text
  el.append(label, slider, readout);

  let position = model.get("_pos");
  let dragging = false;
  let lastSentAt = -Infinity;
  let timer = null;

  const bounds = () => [model.get("_pos_min"), model.get("_pos_max"), model.get("_pos_step")];
  const snap = (p) => {
    const [lo, hi, step] = bounds();
    const k = Math.round((Math.min(Math.max(p, lo), hi) - lo) / step);
    return Math.min(lo + k * step, hi);
  };
  const draw = (text) => {
    const [lo, hi] = bounds();
    const share = hi > lo ? (Math.min(Math.max(position, lo), hi) - lo) / (hi - lo) : 0;
    fill.style.width = `${100 * share}%`;
    thumb.style.left = `${100 * share}%`;
    readout.textContent = text;
    slider.setAttribute("aria-valuetext", text);
    slider.setAttribute("aria-valuenow", String(ariaNumber(model, position)));
  };
  const sync = () => {
    const [lo, hi] = bounds();
    label.textContent = model.get("description");
    slider.setAttribute("aria-valuemin", String(ariaNumber(model, lo)));
    slider.setAttribute("aria-valuemax", String(ariaNumber(model, hi)));
    if (!dragging) {
      position = model.get("_pos");
      draw(model.get("readout"));
    }
  };
  const send = () => {
    clearTimeout(timer);
    timer = null;
    if (position === model.get("_pos")) return;
    lastSentAt = performance.now();
    model.set("_pos", position);
    model.save_changes();
  };
  // the learner moved it: show the new place at once, send it now or, within SEND_GAP of the last send, soon
  const moveTo = (p) => {
    const snapped = snap(p);
    if (snapped === position) return;
    position = snapped;
    const wait = SEND_GAP - (performance.now() - lastSentAt);
    if ((!dragging && !model.get("continuous_update")) || (model.get("continuous_update") && wait <= 0)) {
      send(); // first, so the kernel starts on the frame while the page redraws the slider
    } else if (model.get("continuous_update") && timer === null) {
      timer = setTimeout(send, wait);
    }
    draw(localReadout(model, position));
  };
  const fromPointer = (event) => {
    const box = slider.getBoundingClientRect();
    const [lo, hi] = bounds();
    return lo + ((event.clientX - box.left) / box.width) * (hi - lo);
  };
  slider.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    slider.focus();
    slider.setPointerCapture(event.pointerId);
    dragging = true;
    moveTo(fromPointer(event));
  });
  slider.addEventListener("pointermove", (event) => {
    if (dragging) moveTo(fromPointer(event));
  });
  const release = (event) => {
    if (!dragging) return;
    if (event.type === "pointerup") moveTo(fromPointer(event));
    dragging = false;
    send(); // the exact place the mouse let go
  };
  slider.addEventListener("pointerup", release);
  slider.addEventListener("pointercancel", release);
  slider.addEventListener("lostpointercapture", release);
  slider.addEventListener("keydown", (event) => {
    if (!NAV_KEYS.has(event.key)) return;
    // JupyterLab's notebook shortcuts (arrows select cells, Home/End scroll) must not act on a focused slider
    event.preventDefault();
    event.stopPropagation();
    const [lo, hi, step] = bounds();
    const page = Math.max(step, (hi - lo) / 10);
    const target = { ArrowLeft: position - step, ArrowDown: position - step, ArrowRight: position + step,
      ArrowUp: position + step, PageDown: position - page, PageUp: position + page, Home: lo, End: hi }[event.key];
    moveTo(target);
  });
  model.on("change", sync);
  sync();
  return () => {
    model.off("change", sync);
    clearTimeout(timer);
  };
}

function renderToggles({ model, el }) {
  el.classList.add("lrcore-toggles");
  const group = document.createElement("div");
  group.setAttribute("role", "group");
  const name = document.createElement("span");
  name.className = "lrcore-label";
  name.id = uid("group");
  group.setAttribute("aria-labelledby", name.id);
  el.append(name, group);
  let buttons = [];

  const press = (index) => {
    buttons.forEach((button, i) => button.setAttribute("aria-pressed", String(i === index)));
  };
  const build = () => {
    name.textContent = model.get("description");
    group.replaceChildren();
    buttons = model.get("_labels").map((text, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      const tip = model.get("tooltips")[i];
      if (tip) button.title = tip;
      button.addEventListener("click", () => {
        press(i);
        model.set("index", i);
        model.save_changes();
      });
      button.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") event.stopPropagation();
      });
      group.append(button);
      return button;
    });
    press(model.get("index"));
  };
  const update = () => press(model.get("index"));
  model.on("change:_labels change:description change:tooltips", build);
  model.on("change:index", update);
  build();
  return () => {
    model.off("change:_labels change:description change:tooltips", build);
    model.off("change:index", update);
  };
}

// The status line is shown at once; a screen reader hears it from a visually hidden live region once the
// status has rested for ANNOUNCE_PAUSE ms, so a drag or a held-down key is one announcement, not thirty.
function renderStatus({ model, el }) {
  el.classList.add("lrcore-status");
  const shown = document.createElement("b");
  shown.setAttribute("aria-hidden", "true"); // read from the live region instead, once
  const region = document.createElement("div");
  region.className = "lrcore-visually-hidden";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  el.append(shown, region);
  let timer = null;
  const announce = () => {
    timer = null;
    region.textContent = model.get("text");
  };
  const sync = () => {
    shown.textContent = model.get("text");
    clearTimeout(timer);
    timer = setTimeout(announce, ANNOUNCE_PAUSE);
  };
  model.on("change:text", sync);
  shown.textContent = model.get("text");
  region.textContent = model.get("text");
  return () => {
    model.off("change:text", sync);
    clearTimeout(timer);
  };
}

function renderPicture({ model, el }) {
  el.classList.add("lrcore-picture-box");
  const img = document.createElement("img");
  img.className = "lrcore-picture";
  el.append(img);
  let url = null;
  const showImage = () => {
    const data = model.get("png");
    if (!data || data.byteLength === 0) return;
    const old = url;
    url = URL.createObjectURL(new Blob([data], { type: "image/png" }));
    img.src = url;
    if (old) URL.revokeObjectURL(old);
  };
  const showText = () => {
    img.alt = model.get("alt");
    img.width = model.get("width");
  };
  model.on("change:png", showImage);
  model.on("change:alt change:width", showText);
  showText();
  showImage();
  return () => {
    model.off("change:png", showImage);
    model.off("change:alt change:width", showText);
    if (url) URL.revokeObjectURL(url);
  };
}

const RENDERERS = { range: renderRange, toggles: renderToggles, status: renderStatus, picture: renderPicture };

export { formatNumber }; // for the test that pins it to Python's format (tests/test_browser_a11y.py)

export default {
  render(context) {
    return RENDERERS[context.model.get("_kind")](context);
  },
};
