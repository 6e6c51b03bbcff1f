// The apps' controls, status line and picture, as plain accessible HTML (loaded by anywidget).
//
// A slider is a native <input type="range"> with a <label for>, an <output> readout and aria-valuetext set to
// that readout, so a screen reader hears its name and "0.176", not the log slider's exponent. It works in
// "positions" (the exponent of a log slider, the index of a choice); the kernel maps them to values.
// While the mouse drags it, it sends at most one position every SEND_GAP ms and the exact one on release; it
// never sends back a value the kernel set (ipywidgets' noUiSlider view does, which left pages stale when code
// set a displayed slider several times in a row).
// A toggle group is a named role="group" of buttons with aria-pressed; the status line is a polite live region;
// the picture is an <img> whose alt text follows the app's state.

const SEND_GAP = 40; // ms between two positions sent while dragging: at most 25 a second
const NAV_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);
let counter = 0;

function uid(kind) {
  counter += 1;
  return `lrcore-${kind}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

// Python's format spec for the few forms the apps use: "d", ".Nf", ".Ng" (a provisional readout while the
// kernel computes its own, exact one).
function formatNumber(value, spec) {
  const match = /^\.(\d+)([fg])$/.exec(spec);
  if (spec === "d") return String(Math.round(value));
  if (!match) return String(value);
  const digits = Number(match[1]);
  if (match[2] === "f") return value.toFixed(digits);
  if (value === 0) return "0";
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= digits) {
    const [mantissa, power] = value.toExponential(Math.max(digits - 1, 0)).split("e");
    const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    const sign = power.startsWith("-") ? "-" : "+";
    return `${trimmed}e${sign}${power.replace(/^[-+]/, "").padStart(2, "0")}`;
  }
  const fixed = value.toFixed(Math.max(digits - 1 - exponent, 0));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

function localReadout(model, position) {
  const labels = model.get("_labels");
  if (labels.length) return labels[Math.round(position)] ?? "";
  const base = model.get("_base");
  const value = base > 0 ? base ** position : position;
  return formatNumber(value, model.get("readout_format"));
}

function renderRange({ model, el }) {
  el.classList.add("lrcore-slider");
  const id = uid("slider");
  const label = document.createElement("label");
  label.className = "lrcore-label";
  label.htmlFor = id;
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  const readout = document.createElement("output");
  readout.className = "lrcore-readout";
  readout.setAttribute("for", id);
  readout.setAttribute("aria-hidden", "true"); // the slider itself announces the same text
  el.append(label, input, readout);

  let dragging = false;
  let lastSent = null;
  let lastSentAt = 0;
  let timer = null;

  const showText = (text) => {
    readout.textContent = text;
    input.setAttribute("aria-valuetext", text);
  };
  const sync = () => {
    label.textContent = model.get("description");
    input.min = model.get("_pos_min");
    input.max = model.get("_pos_max");
    input.step = model.get("_pos_step");
    if (!dragging) {
      input.value = model.get("_pos");
      showText(model.get("readout"));
    }
  };
  const send = () => {
    clearTimeout(timer);
    timer = null;
    const position = Number(input.value);
    if (position === lastSent) return;
    lastSent = position;
    lastSentAt = performance.now();
    model.set("_pos", position);
    model.save_changes();
  };
  input.addEventListener("input", () => {
    showText(localReadout(model, Number(input.value)));
    if (!model.get("continuous_update") && dragging) return;
    const wait = SEND_GAP - (performance.now() - lastSentAt);
    if (wait <= 0) send();
    else if (timer === null) timer = setTimeout(send, wait);
  });
  input.addEventListener("change", send); // mouse release or key press: the exact final position
  input.addEventListener("pointerdown", () => {
    dragging = true;
    lastSent = null;
  });
  const release = () => {
    if (!dragging) return;
    dragging = false;
    send();
    showText(model.get("readout"));
  };
  window.addEventListener("pointerup", release);
  window.addEventListener("pointercancel", release);
  // JupyterLab's notebook shortcuts (arrows select cells, Home/End scroll) must not act on a focused slider
  input.addEventListener("keydown", (event) => {
    if (NAV_KEYS.has(event.key)) event.stopPropagation();
  });
  model.on("change", sync);
  sync();
  return () => {
    model.off("change", sync);
    window.removeEventListener("pointerup", release);
    window.removeEventListener("pointercancel", release);
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

function renderStatus({ model, el }) {
  el.classList.add("lrcore-status");
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  const text = document.createElement("b");
  region.append(text);
  el.append(region);
  const sync = () => {
    text.textContent = model.get("text");
  };
  model.on("change:text", sync);
  sync();
  return () => model.off("change:text", sync);
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

export default {
  render(context) {
    return RENDERERS[context.model.get("_kind")](context);
  },
};
