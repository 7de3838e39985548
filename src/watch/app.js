"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  // The page's messages in its language (the server chose it from the
  // browser's), `{ $name }` filled in here; texts from the compiler come
  // in every language and the page shows its own.
  const TEXT = (() => { try { return JSON.parse($("page-text").textContent); } catch (e) { return {}; } })();
  const LANG = TEXT["page-lang"] || "en";
  function tr(id, args) {
    let text = TEXT[id] || id;
    for (const [name, value] of Object.entries(args || {})) text = text.split("{ $" + name + " }").join(String(value));
    return text;
  }
  const local = (texts) => (texts && (texts[LANG] || texts.en)) || "";
  const viewport = $("viewport"), stage = $("stage"), diagramBox = $("diagram");
  const stored = (key, fallback) => { try { return localStorage.getItem("crmflow." + key) || fallback; } catch (e) { return fallback; } };
  const store = (key, value) => { try { localStorage.setItem("crmflow." + key, value); } catch (e) { /* private mode */ } };

  let snapshot = null;          // the latest state from the server
  let pageIndex = 0;            // 0: the whole drawing; k: page k of a split flow
  let shownSvg = null;          // the SVG text now in the page
  let view = { x: 0, y: 0, k: 1 };
  let fitted = false;           // fit once, on the first diagram; keep the view after
  // A bookmarkable view: ?theme=dark&lane=sales&lint=off&panel=1
  const params = new URLSearchParams(location.search);
  // The themes the server offers (its registry), in the theme menu.
  const themes = Array.from(document.getElementById("theme").options, (o) => o.value);
  const darkThemes = Array.from(document.getElementById("theme").options).filter((o) => o.hasAttribute("data-dark")).map((o) => o.value);
  let theme = params.get("theme") || stored("theme", themes[0]);
  if (!themes.includes(theme)) theme = themes[0];
  let lintOn = (params.get("lint") || stored("lint", "on")) === "on";
  let lane = params.get("lane") || "";
  // The link of the called flow shown instead of the watched one, if any.
  let viewing = null;
  // Presenter mode (?present=1): large text, keyboard driven.
  let presenting = params.get("present") === "1";
  // The walkthrough: which journey, which step of it; null when off.
  let walk = params.get("walk") === "1" ? { journey: 0, step: 0 } : null;
  // The revision whose changes were last outlined; what to outline until when.
  let seenRevision = null, outlineUntil = 0, outlineTimer = null;
  // In presenter mode the smallest text on screen is at least this many
  // CSS pixels (labels are 14, chips and branch labels 12 in the drawing):
  // the size slides use for body text seen from the back of a room.
  const MIN_TEXT_PX = 14.5;

  // ---- view: zoom and pan, kept across updates ----
  function apply() {
    stage.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.k})`;
    showRail();
  }
  // Each lane whose header is panned out of the screen gets its name at
  // the screen's edge beside its band: the room always sees whose step it is.
  function showRail() {
    const rail = $("lane-rail"), svg = diagramBox.querySelector("svg");
    if (!svg) { rail.replaceChildren(); return; }
    const screen = viewport.getBoundingClientRect();
    const items = [];
    svg.querySelectorAll("g.lane").forEach((group) => {
      const rects = group.querySelectorAll(":scope > rect");
      if (rects.length < 2) return;
      const band = rects[0].getBoundingClientRect(), header = rects[1].getBoundingClientRect();
      const name = Array.from(group.querySelectorAll(":scope > text"), (t) => t.textContent.trim()).join(" ");
      if (!name) return;
      const rows = Math.abs(header.height - band.height) < 1;   // headers on the left: lanes are rows
      const item = el("div", { class: "rail-lane " + (rows ? "rows" : "columns") }, name);
      if (rows) {
        if (header.right > screen.left + 2 || band.bottom < screen.top || band.top > screen.bottom) return;
        const top = Math.max(band.top, screen.top) - screen.top, bottom = Math.min(band.bottom, screen.bottom) - screen.top;
        if (bottom - top < 18) return;
        item.style.top = top + "px"; item.style.height = (bottom - top) + "px";
      } else {
        if (header.bottom > screen.top + 2 || band.right < screen.left || band.left > screen.right) return;
        const left = Math.max(band.left, screen.left) - screen.left, right = Math.min(band.right, screen.right) - screen.left;
        if (right - left < 40) return;
        item.style.left = left + "px"; item.style.width = (right - left) + "px";
      }
      items.push(item);
    });
    rail.replaceChildren(...items);
  }
  function svgSize() {
    const svg = diagramBox.querySelector("svg");
    if (!svg) return null;
    return { w: parseFloat(svg.getAttribute("width")) || 800, h: parseFloat(svg.getAttribute("height")) || 600 };
  }
  function fit() {
    const size = svgSize();
    if (!size) return;
    const pad = 24, w = viewport.clientWidth, h = viewport.clientHeight;
    let k = Math.min((w - 2 * pad) / size.w, (h - 2 * pad) / size.h, 4);
    // Presenter mode: the whole drawing when its text is readable so, else
    // the scale that makes the smallest text readable, from the top left
    // (the start), to be panned along.
    if (presenting) k = Math.max(k, MIN_TEXT_PX / smallestText());
    const place = (room, length) => length * k <= room - 2 * pad ? (room - length * k) / 2 : pad;
    view = { k, x: place(w, size.w), y: place(h, size.h) };
    apply();
    if (walk) follow();
  }
  // The smallest font size in the drawing, in its own units.
  function smallestText() {
    const svg = diagramBox.querySelector("svg");
    let least = Infinity;
    if (svg) svg.querySelectorAll("text").forEach((t) => {
      const size = parseFloat(getComputedStyle(t).fontSize);
      if (size > 0 && size < least) least = size;
    });
    return isFinite(least) ? least : 14;
  }
  // Presenter mode's "next page": across the drawing, then down a band
  // and back to its left edge (the reading order); `back` goes the other way.
  function panOn(back) {
    const size = svgSize();
    if (!size) return;
    const pad = 24, w = viewport.clientWidth, h = viewport.clientHeight;
    const left = pad, right = w - pad - size.w * view.k, top = pad, bottom = h - pad - size.h * view.k;
    const stepX = w * 0.8, stepY = h * 0.8;
    if (!back) {
      if (right < left && view.x > right + 1) view.x = Math.max(view.x - stepX, right);
      else if (bottom < top && view.y > bottom + 1) { view.y = Math.max(view.y - stepY, bottom); if (right < left) view.x = left; }
    } else {
      if (right < left && view.x < left - 1) view.x = Math.min(view.x + stepX, left);
      else if (bottom < top && view.y < top - 1) { view.y = Math.min(view.y + stepY, top); if (right < left) view.x = right; }
    }
    apply();
  }
  function zoomAt(factor, cx, cy) {
    const k = Math.min(Math.max(view.k * factor, 0.05), 16);
    view.x = cx - (cx - view.x) * (k / view.k);
    view.y = cy - (cy - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  function zoomCenter(factor) { zoomAt(factor, viewport.clientWidth / 2, viewport.clientHeight / 2); }
  function actualSize() { zoomCenter(1 / view.k); }
  function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }
  function centerOn(box) {
    const k = Math.max(view.k, 1);
    view.k = k;
    view.x = viewport.clientWidth / 2 - (box.x + box.width / 2) * k;
    view.y = viewport.clientHeight / 2 - (box.y + box.height / 2) * k;
    apply();
  }

  let drag = null;
  viewport.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || e.target.closest("#banner, a")) return;
    drag = { x: e.clientX, y: e.clientY };
    viewport.setPointerCapture(e.pointerId);
    viewport.classList.add("dragging");
  });
  viewport.addEventListener("pointermove", (e) => {
    if (!drag) return;
    pan(e.clientX - drag.x, e.clientY - drag.y);
    drag = { x: e.clientX, y: e.clientY };
  });
  const endDrag = () => { drag = null; viewport.classList.remove("dragging"); };
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);
  viewport.addEventListener("wheel", (e) => {
    e.preventDefault();
    const rect = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
  }, { passive: false });
  viewport.addEventListener("dblclick", fit);
  window.addEventListener("resize", () => { if (!fitted || presenting) fit(); });

  // ---- drawing the snapshot ----
  function setText(id, text) { $(id).textContent = text; }
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const svgNS = "http://www.w3.org/2000/svg";

  function showBanner() {
    const banner = $("banner");
    banner.replaceChildren();
    banner.className = "";
    if (!snapshot) return;
    if (snapshot.status === "invalid") {
      banner.className = "invalid";
      const n = snapshot.problems.length;
      banner.append(el("h2", {}, tr("page-does-not-compile", { file: snapshot.file, count: n }) +
        (snapshot.diagram ? tr("page-showing-last-good") : "")));
      const list = el("ul");
      for (const p of snapshot.problems) {
        const item = el("li", {}, `${p.location}: ${p.code}: ${local(p.message)}`);
        if (p.help) { item.append(el("br")); item.append(el("span", { class: "help" }, tr("page-help-prefix") + local(p.help))); }
        list.append(item);
      }
      banner.append(list);
    } else if (snapshot.status === "missing") {
      banner.className = "missing";
      banner.append(el("h2", {}, tr("page-missing", { file: snapshot.file })));
      banner.append(el("div", {}, tr("page-missing-detail")));
    }
  }

  function nodeGroup(svg, id) { return svg.querySelector(`[id="node-${CSS.escape(id)}"]`); }

  function applyLint() {
    const svg = diagramBox.querySelector("svg");
    if (!svg) return;
    svg.querySelectorAll(".crm-lint, title.crm-lint-title").forEach((n) => n.remove());
    svg.querySelectorAll("path.edge").forEach((p) => p.classList.remove("crm-lint-error", "crm-lint-warning", "crm-lint-info"));
    const findings = shownFindings();
    if (!lintOn) return;
    const overlay = document.createElementNS(svgNS, "g");
    overlay.setAttribute("class", "crm-lint");
    const rank = { error: 0, warning: 1, info: 2 };
    const worst = new Map(), notes = new Map();
    for (const f of findings) {
      if (!f.node) continue;
      if (!worst.has(f.node) || rank[f.severity] < rank[worst.get(f.node)]) worst.set(f.node, f.severity);
      notes.set(f.node, (notes.has(f.node) ? notes.get(f.node) + "\n" : "") + `${f.code}: ${local(f.message)}`);
    }
    for (const [id, severity] of worst) {
      const group = nodeGroup(svg, id);
      if (!group) continue;
      const box = group.getBBox();
      const r = document.createElementNS(svgNS, "rect");
      r.setAttribute("class", `crm-lint-box ${severity}`);
      r.setAttribute("data-node", id);
      r.setAttribute("x", box.x - 5); r.setAttribute("y", box.y - 5);
      r.setAttribute("width", box.width + 10); r.setAttribute("height", box.height + 10);
      r.setAttribute("rx", 6);
      overlay.append(r);
      const title = document.createElementNS(svgNS, "title");
      title.setAttribute("class", "crm-lint-title");
      title.textContent = notes.get(id);
      group.prepend(title);
    }
    for (const f of findings) {
      if (!f.edge) continue;
      const [from, to] = f.edge;
      svg.querySelectorAll(`path.edge[data-from="${CSS.escape(from)}"][data-to="${CSS.escape(to)}"]`)
        .forEach((p) => p.classList.add("crm-lint-" + f.severity));
    }
    svg.append(overlay);
  }

  function applyLaneFilter() {
    const svg = diagramBox.querySelector("svg");
    if (!svg) return;
    svg.querySelectorAll(".crm-in-lane").forEach((n) => n.classList.remove("crm-in-lane"));
    svg.classList.toggle("crm-lane-filter", lane !== "");
    if (!lane || !snapshot || !snapshot.diagram) return;
    const inLane = new Set(snapshot.diagram.node_lanes.filter(([, l]) => l === lane).map(([n]) => n));
    for (const id of inLane) { const g = nodeGroup(svg, id); if (g) g.classList.add("crm-in-lane"); }
    svg.querySelectorAll("path.edge").forEach((p) => {
      if (inLane.has(p.getAttribute("data-from")) || inLane.has(p.getAttribute("data-to"))) {
        p.classList.add("crm-in-lane");
        const label = svg.querySelector(`[id="${CSS.escape(p.id)}-label"]`);
        if (label) label.classList.add("crm-in-lane");
      }
    });
    const band = svg.querySelector(`[id="lane-${CSS.escape(lane)}"]`);
    if (band) band.classList.add("crm-in-lane");
  }

  function showPanel() {
    const list = $("list");
    list.replaceChildren();
    const findings = shownFindings();
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.filter((f) => f.severity === "warning").length;
    const count = $("count");
    count.textContent = findings.length;
    count.className = "badge " + (errors ? "" : warnings ? "warn" : "none");
    if (!findings.length) { list.append(el("li", { class: "empty" }, tr("page-no-findings"))); return; }
    for (const f of findings) {
      const item = el("li");
      item.append(el("span", { class: "sev " + f.severity }, f.severity));
      item.append(document.createTextNode(`${f.code}: ${local(f.message)}`));
      item.append(el("div", { class: "where" }, f.location + (f.node ? ` · ${f.node}` : "")));
      item.addEventListener("click", () => focusFinding(f));
      list.append(item);
    }
  }

  function focusFinding(f) {
    const svg = diagramBox.querySelector("svg");
    if (!svg || !f.node) return;
    const group = nodeGroup(svg, f.node);
    if (!group) return;
    centerOn(group.getBBox());
    svg.querySelectorAll(".crm-lint-box.focus").forEach((b) => b.classList.remove("focus"));
    const box = svg.querySelector(`.crm-lint-box[data-node="${CSS.escape(f.node)}"]`);
    if (box) box.classList.add("focus");
  }

  // ---- presenter mode ----
  function setPresenting(on) {
    presenting = on;
    document.body.classList.toggle("presenting", on);
    $("present").setAttribute("aria-pressed", String(on));
    fit();
  }

  // ---- walkthrough: each journey from a start to an end ----
  function journeys() {
    const d = snapshot && snapshot.diagram;
    return (!viewing && d && d.journeys) || [];
  }
  function setWalk(on) {
    walk = on ? { journey: 0, step: 0 } : null;
    applyWalk();
  }
  function walkBy(steps) {
    const all = journeys();
    if (!walk || !all.length) return;
    const nodes = all[walk.journey].nodes;
    const step = walk.step + steps;
    if (step >= nodes.length && walk.journey + 1 < all.length) walk = { journey: walk.journey + 1, step: 0 };
    else if (step < 0 && walk.journey > 0) walk = { journey: walk.journey - 1, step: all[walk.journey - 1].nodes.length - 1 };
    else walk.step = Math.min(Math.max(step, 0), nodes.length - 1);
    applyWalk();
  }
  function walkJourney(by) {
    const all = journeys();
    if (!walk || !all.length) return;
    walk = { journey: (walk.journey + by + all.length) % all.length, step: 0 };
    applyWalk();
  }
  function edgesBetween(svg, from, to) {
    return svg.querySelectorAll(`path.edge[data-from="${CSS.escape(from)}"][data-to="${CSS.escape(to)}"]`);
  }
  function applyWalk() {
    const svg = diagramBox.querySelector("svg");
    $("walk").setAttribute("aria-pressed", String(!!walk));
    $("walkbar").hidden = !walk;
    if (!svg) return;
    svg.querySelectorAll(".crm-walk-seen").forEach((n) => n.classList.remove("crm-walk-seen"));
    svg.querySelectorAll(".crm-walk").forEach((n) => n.remove());
    svg.classList.toggle("crm-walking", !!walk);
    if (!walk) return;
    const all = journeys();
    if (!all.length) {
      svg.classList.remove("crm-walking");
      setText("walk-journey", tr(viewing ? "page-walk-elsewhere" : "page-no-journey"));
      setText("walk-step", "");
      return;
    }
    walk.journey = Math.min(walk.journey, all.length - 1);
    const journey = all[walk.journey];
    walk.step = Math.min(walk.step, journey.nodes.length - 1);
    for (let i = 0; i <= walk.step; i++) {
      const group = nodeGroup(svg, journey.nodes[i]);
      if (group) group.classList.add("crm-walk-seen");
      if (i === 0) continue;
      edgesBetween(svg, journey.nodes[i - 1], journey.nodes[i]).forEach((p) => {
        p.classList.add("crm-walk-seen");
        const label = svg.querySelector(`[id="${CSS.escape(p.id)}-label"]`);
        if (label) label.classList.add("crm-walk-seen");
      });
    }
    const current = nodeGroup(svg, journey.nodes[walk.step]);
    if (current) {
      const box = current.getBBox();
      const ring = document.createElementNS(svgNS, "rect");
      ring.setAttribute("class", "crm-walk crm-walk-now");
      ring.setAttribute("x", box.x - 7); ring.setAttribute("y", box.y - 7);
      ring.setAttribute("width", box.width + 14); ring.setAttribute("height", box.height + 14);
      ring.setAttribute("rx", 8);
      svg.append(ring);
    }
    const total = all.length;
    setText("walk-journey", tr("page-journey", { number: walk.journey + 1, total, name: journey.name }));
    const branch = walk.step > 0 ? journey.branches[walk.step - 1] : null;
    const label = current ? (current.textContent || "").replace(/\s+/g, " ").trim() : journey.nodes[walk.step];
    const phase = journey.phases ? journey.phases[walk.step] : "";
    setText("walk-step", tr("page-step", { number: walk.step + 1, total: journey.nodes.length }) + (branch ? ` · “${branch}” → ` : " · ") + label + (phase ? ` · ${phase}` : ""));
    follow();
  }
  // Pans so the walkthrough's current step is on screen, clear of the bar.
  function follow() {
    const svg = diagramBox.querySelector("svg");
    const all = journeys();
    if (!svg || !walk || !all.length) return;
    const group = nodeGroup(svg, all[walk.journey].nodes[walk.step]);
    if (!group) return;
    const box = group.getBBox(), k = view.k, margin = 40;
    const w = viewport.clientWidth, h = viewport.clientHeight - $("walkbar").offsetHeight - 24;
    const x0 = view.x + box.x * k, x1 = x0 + box.width * k, y0 = view.y + box.y * k, y1 = y0 + box.height * k;
    if (x0 < margin || x1 > w - margin) view.x = w / 2 - (box.x + box.width / 2) * k;
    if (y0 < margin || y1 > h - margin) view.y = h / 2 - (box.y + box.height / 2) * k;
    apply();
  }

  // ---- what the last save changed ----
  const changeMarks = { added: "+", removed: "−", relabelled: "✎", moved: "⇄", renamed: "#" };
  function describeChange(c) {
    const args = { subject: c.subject, before: c.before || "", after: c.after || "" };
    switch (c.kind) {
      case "added": return c.edge ? tr("page-change-added-link", args) + (c.after ? ` “${c.after}”` : "") : tr("page-change-added", args);
      case "removed": return c.edge ? tr("page-change-removed-link", args) + (c.before ? ` “${c.before}”` : "") : tr("page-change-removed", args);
      case "relabelled": return tr(c.edge ? "page-change-relabelled-link" : "page-change-relabelled", args);
      case "moved": return tr("page-change-moved", { ...args, before: c.before || tr("page-no-lane"), after: c.after || tr("page-no-lane") });
      case "renamed": return tr("page-change-renamed", args);
      default: return c.subject;
    }
  }
  function showChanges() {
    const d = snapshot && snapshot.diagram;
    const changes = (d && d.changes) || [];
    const fresh = d && seenRevision !== null && d.revision !== seenRevision;
    if (d) seenRevision = d.revision;
    const count = $("change-count");
    count.textContent = changes.length;
    count.className = "badge " + (changes.length ? "warn" : "none");
    const list = $("change-list");
    list.replaceChildren();
    setText("changes-title", changes.length ? tr("page-changes-count", { count: changes.length }) : tr("page-changes-none"));
    for (const c of changes) {
      const item = el("li", { class: c.kind });
      item.append(el("span", { class: "kind" }, changeMarks[c.kind] || "•"));
      item.append(document.createTextNode(describeChange(c)));
      if (c.node && c.kind !== "removed") item.addEventListener("click", () => {
        const svg = diagramBox.querySelector("svg"), group = svg && nodeGroup(svg, c.node);
        if (group) centerOn(group.getBBox());
      });
      list.append(item);
    }
    if (fresh && changes.length && !viewing) {
      setChangesOpen(true);
      outlineUntil = Date.now() + 6000;
      clearTimeout(outlineTimer);
      outlineTimer = setTimeout(outlineChanges, 6100);
    }
    outlineChanges();
  }
  function setChangesOpen(open) {
    $("changes").hidden = !open;
    $("changes-toggle").setAttribute("aria-pressed", String(open));
  }
  // Outlines what changed while its few seconds last (again after each
  // redraw), and takes the outlines away after.
  function outlineChanges() {
    const svg = diagramBox.querySelector("svg");
    if (!svg) return;
    svg.querySelectorAll(".crm-change").forEach((n) => n.remove());
    svg.querySelectorAll("path.edge.crm-changed").forEach((p) => p.classList.remove("crm-changed"));
    const d = snapshot && snapshot.diagram;
    if (!d || viewing || Date.now() >= outlineUntil) return;
    for (const c of d.changes || []) {
      if (c.kind === "removed") continue;
      if (c.edge) { edgesBetween(svg, c.edge[0], c.edge[1]).forEach((p) => p.classList.add("crm-changed")); continue; }
      const group = c.node && nodeGroup(svg, c.node);
      if (!group) continue;
      const box = group.getBBox();
      const r = document.createElementNS(svgNS, "rect");
      r.setAttribute("class", `crm-change crm-change-box ${c.kind}`);
      r.setAttribute("data-node", c.node);
      r.setAttribute("x", box.x - 6); r.setAttribute("y", box.y - 6);
      r.setAttribute("width", box.width + 12); r.setAttribute("height", box.height + 12);
      r.setAttribute("rx", 7);
      svg.append(r);
    }
  }

  function showLanes() {
    const select = $("lane");
    const lanes = (snapshot && snapshot.diagram && snapshot.diagram.lanes) || [];
    if (!lanes.some((l) => l.id === lane)) lane = "";
    select.replaceChildren(el("option", { value: "" }, tr("page-all-lanes")));
    for (const l of lanes) select.append(el("option", { value: l.id }, l.label));
    select.value = lane;
    select.disabled = lanes.length === 0;
  }

  // A flow too big for one slide comes with its pages: a menu and [ ] step
  // through them (0 is the whole drawing).
  function pagesOf() { return (snapshot && snapshot.diagram && snapshot.diagram.pages) || []; }
  function showPages() {
    const select = $("pages"), pages = pagesOf();
    if (pageIndex > pages.length) pageIndex = 0;
    select.hidden = pages.length === 0;
    select.replaceChildren(el("option", { value: "0" }, tr("page-whole")));
    pages.forEach((p, i) => {
      const name = tr("page-page", { page: i + 1, count: pages.length });
      select.append(el("option", { value: String(i + 1) }, p.label ? `${name} · ${p.label}` : name));
    });
    select.value = String(pageIndex);
  }
  function showPage(index) {
    const pages = pagesOf();
    const next = Math.max(0, Math.min(pages.length, index));
    if (next === pageIndex) return;
    pageIndex = next; fitted = false; draw();
  }

  function draw() {
    document.body.classList.toggle("dark", darkThemes.includes(theme));
    $("theme").value = theme;
    $("lint").setAttribute("aria-pressed", String(lintOn));
    if (!snapshot) return;
    document.title = `${snapshot.file} — crmflow`;
    setText("file", snapshot.file);
    $("dot").className = "dot " + snapshot.status;
    const d = snapshot.diagram;
    const state = tr({ ok: "page-state-ok", invalid: "page-state-invalid", missing: "page-state-missing" }[snapshot.status] || "page-state-starting");
    setText("meta", d ? tr("page-meta", { state, nodes: d.nodes, ms: d.compile_ms.toFixed(1) }) : state);
    showBanner();
    // A called flow opened from a `sub` step, while it is still called.
    const sub = d && viewing ? (d.subflows || []).find((s) => s.link === viewing) : null;
    if (viewing && !sub) viewing = null;
    $("crumbs").hidden = !sub;
    setText("crumb-sub", sub ? `${snapshot.file} › ${sub.title}` : "");
    if (sub) {
      const svgText = sub.svg[theme] || sub.svg.default || "";
      if (svgText !== shownSvg) {
        diagramBox.innerHTML = svgText;   // our own SVG: labels are escaped by the compiler
        shownSvg = svgText;
        fitted = false;
      }
      $("placeholder").style.display = svgText ? "none" : "flex";
      if (!svgText) setText("placeholder", local(sub.error) || tr("page-cannot-draw"));
      if (svgText && !fitted) { fit(); fitted = true; }
      applyLint();
      showPanel();
      applyWalk();
      showChanges();
      return;
    }
    showPages();
    if (d) {
      const page = pageIndex > 0 ? (d.pages || [])[pageIndex - 1] : null;
      const svgs = page ? page.svg : d.svg;
      const svgText = svgs[theme] || svgs.default || d.svg[theme] || d.svg.default;
      if (svgText !== shownSvg) {
        diagramBox.innerHTML = svgText;   // our own SVG: labels are escaped by the compiler
        shownSvg = svgText;
      }
      $("placeholder").style.display = "none";
      if (!fitted) { fit(); fitted = true; }
    } else {
      diagramBox.replaceChildren();
      shownSvg = null;
      $("placeholder").style.display = "flex";
      setText("placeholder", tr(snapshot.status === "missing" ? "page-waiting-for-file" : "page-no-diagram"));
    }
    showLanes();
    applyLint();
    applyLaneFilter();
    showPanel();
    applyWalk();
    showChanges();
    showRail();
  }

  // The findings of the drawing on screen: the watched flow's, or those of
  // the called flow opened from a `sub` step.
  function shownFindings() {
    const d = snapshot && snapshot.diagram;
    if (!d) return [];
    const sub = viewing ? (d.subflows || []).find((s) => s.link === viewing) : null;
    return (sub ? sub.findings : d.findings) || [];
  }

  // ---- sub-flows: a `sub` step's link opens the called flow here ----
  function openSub(link) {
    viewing = link; shownSvg = null; fitted = false; draw();
  }
  function closeSub() {
    if (!viewing) return;
    viewing = null; shownSvg = null; fitted = false; draw();
  }
  diagramBox.addEventListener("click", (e) => {
    const anchor = e.target.closest("a");
    if (!anchor) return;
    // Never leave the page: a link the snapshot does not know is ignored.
    e.preventDefault();
    const link = anchor.getAttribute("href") || anchor.getAttribute("xlink:href");
    const d = snapshot && snapshot.diagram;
    if (!viewing && d && (d.subflows || []).some((s) => s.link === link)) openSub(link);
  });
  $("crumb-main").onclick = closeSub;

  // ---- controls ----
  $("fit").onclick = fit;
  $("zoom-in").onclick = () => zoomCenter(1.25);
  $("zoom-out").onclick = () => zoomCenter(0.8);
  $("zoom-reset").onclick = actualSize;
  $("theme").onchange = (e) => { theme = e.target.value; store("theme", theme); draw(); };
  $("lane").onchange = (e) => { lane = e.target.value; applyLaneFilter(); };
  $("pages").onchange = (e) => showPage(Number(e.target.value) || 0);
  $("lint").onclick = () => { lintOn = !lintOn; store("lint", lintOn ? "on" : "off"); draw(); };
  const togglePanel = () => {
    const open = $("findings").classList.toggle("open");
    $("panel").setAttribute("aria-pressed", String(open));
  };
  $("panel").onclick = togglePanel;
  const toggleFullscreen = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  };
  $("fullscreen").onclick = toggleFullscreen;
  $("keys").onclick = () => $("help").classList.toggle("open");
  $("present").onclick = () => setPresenting(!presenting);
  $("walk").onclick = () => setWalk(!walk);
  $("walk-next").onclick = () => walkBy(1);
  $("walk-prev").onclick = () => walkBy(-1);
  $("walk-next-journey").onclick = () => walkJourney(1);
  $("walk-prev-journey").onclick = () => walkJourney(-1);
  $("walk-close").onclick = () => setWalk(false);
  $("changes-toggle").onclick = () => setChangesOpen($("changes").hidden);
  document.addEventListener("keydown", (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if ((target && target.closest("select, input, textarea")) || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = 60;
    // Walking: the arrows, Space and a presenter's clicker (Page Up/Down)
    // step through the journey.
    if (walk) {
      const walking = { ArrowRight: () => walkBy(1), " ": () => walkBy(1), PageDown: () => walkBy(1), Enter: () => walkBy(1),
        ArrowLeft: () => walkBy(-1), PageUp: () => walkBy(-1), ArrowDown: () => walkJourney(1), ArrowUp: () => walkJourney(-1),
        Escape: () => setWalk(false) }[e.key];
      if (walking) { walking(); e.preventDefault(); return; }
    }
    if (presenting) {
      const paging = { " ": () => panOn(false), PageDown: () => panOn(false), PageUp: () => panOn(true), Escape: () => setPresenting(false) }[e.key];
      if (paging) { paging(); e.preventDefault(); return; }
    }
    switch (e.key) {
      case "s": case "S": setPresenting(!presenting); break;
      case "w": case "W": setWalk(!walk); break;
      case "c": case "C": setChangesOpen($("changes").hidden); break;
      case "]": showPage(pageIndex + 1); break;
      case "[": showPage(pageIndex - 1); break;
      case "f": fit(); break;
      case "F": toggleFullscreen(); break;
      case "0": actualSize(); break;
      case "+": case "=": zoomCenter(1.25); break;
      case "-": case "_": zoomCenter(0.8); break;
      case "ArrowLeft": pan(step, 0); break;
      case "ArrowRight": pan(-step, 0); break;
      case "ArrowUp": pan(0, step); break;
      case "ArrowDown": pan(0, -step); break;
      case "t": case "T": theme = themes[(themes.indexOf(theme) + 1) % themes.length]; store("theme", theme); draw(); break;
      case "l": case "L": $("lint").click(); break;
      case "p": case "P": togglePanel(); break;
      case "?": $("help").classList.toggle("open"); break;
      case "Escape": lane = ""; $("lane").value = ""; applyLaneFilter(); break;
      case "Backspace": closeSub(); break;
      default: return;
    }
    e.preventDefault();
  });

  // ---- the live connection ----
  let retry = 250;
  function connect() {
    const socket = new WebSocket(`ws://${location.host}/ws`);
    socket.onopen = () => { retry = 250; if ($("banner").className === "disconnected") showBanner(); };
    socket.onmessage = (e) => {
      try { snapshot = JSON.parse(e.data); } catch (err) { return; }
      draw();
    };
    socket.onclose = () => {
      const banner = $("banner");
      if (!banner.className) {
        banner.className = "disconnected";
        banner.replaceChildren(el("h2", {}, tr("page-disconnected")));
      }
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 4000);
    };
  }
  if (params.get("panel") === "1") togglePanel();
  document.body.classList.toggle("presenting", presenting);
  $("present").setAttribute("aria-pressed", String(presenting));
  draw();
  connect();
})();
