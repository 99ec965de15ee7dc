// Fills /compare/ with real answers from this server: the static /takeout/
// file and the live /menu/ page, their telling headers side by side, the
// prices each one shows, a timeline of the two requests and a race.
"use strict";

// The headers that tell the two apart; each has an entry in the page's glossary.
const TELLING = [
  "cache-control",
  "etag",
  "last-modified",
  "content-encoding",
  "content-length",
  "set-cookie",
  "vary",
  "server-timing",
];

const SIDES = [
  { key: "static", name: "the file" },
  { key: "dynamic", name: "the view" },
];

const ROUNDS = { min: 1, max: 50 };

const SVG = "http://www.w3.org/2000/svg";

const seen = { etag: null, visits: null, date: null, filePrices: null };

// What each chart draws from, kept so it can be drawn again at a new width.
const drawn = { timeline: null, race: null };

function field(panel, name) {
  return panel.querySelector(`[data-field="${name}"]`);
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function ms(value) {
  return `${value.toFixed(1)} ms`;
}

// The first sentence of the glossary's entry for a header.
function explanation(name) {
  const term = document.getElementById(`header-${name}`);
  const text = term ? term.nextElementSibling.textContent.trim().replace(/\s+/g, " ") : "";
  return text.split(/(?<=\.)\s/)[0];
}

// The browser's Resource Timing entry for this fetch, once it has been recorded.
async function timingEntry(url, since) {
  const name = new URL(url, window.location.href).href;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const entries = performance.getEntriesByName(name, "resource");
    const entry = entries.filter((candidate) => candidate.startTime >= since - 1).pop();
    if (entry) {
      return entry;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return null;
}

async function fetchPage(url, options) {
  const since = performance.now();
  // no-store: every click reaches the server, never the browser's own cache.
  const response = await fetch(url, { cache: "no-store", ...options });
  const body = await response.text();
  const elapsed = performance.now() - since;
  const entry = await timingEntry(url, since);
  performance.clearResourceTimings();
  return { response, body, elapsed, entry };
}

function headerRow(name, value) {
  const row = element("tr");
  row.append(element("th", name));
  row.firstChild.scope = "row";
  const cell = element("td");
  cell.append(element("code", value));
  row.append(cell);
  return row;
}

function renderPanel(panel, result, story) {
  const { response, body, elapsed, entry } = result;
  const protocol = entry && entry.nextHopProtocol ? entry.nextHopProtocol.toUpperCase() : "HTTP";
  field(panel, "status").textContent =
    `${protocol} ${response.status} ${response.statusText}`.trim();

  if (entry && entry.transferSize) {
    field(panel, "bytes").textContent =
      `${entry.transferSize} bytes over the network, ${entry.encodedBodySize} of them the body` +
      (entry.decodedBodySize !== entry.encodedBodySize
        ? ` (${entry.decodedBodySize} once decompressed)`
        : "");
  } else {
    field(panel, "bytes").textContent = `${new Blob([body]).size} bytes of body`;
  }
  field(panel, "time").textContent = entry
    ? `${ms(entry.duration)}, from the request leaving to the last byte arriving (Resource Timing)`
    : ms(elapsed);
  field(panel, "body").textContent = body
    ? `${body.length} characters of HTML, beginning “${body.slice(0, 60).replace(/\s+/g, " ")}…”`
    : `None: a ${response.status} answer carries no body.`;
  field(panel, "story").textContent = story;

  const rows = [];
  for (const [name, value] of response.headers) {
    if (!TELLING.includes(name)) {
      rows.push(headerRow(name, value));
    }
  }
  field(panel, "headers").replaceChildren(...rows);
  field(panel, "more").textContent = `${rows.length} more header${rows.length === 1 ? "" : "s"}`;
}

function tellingValue(response, name) {
  if (name === "set-cookie") {
    return element("code", "unreadable: sent or not, browsers never show it to scripts", "absent");
  }
  const value = response.headers.get(name);
  return value === null ? element("code", "not sent", "absent") : element("code", value);
}

// One row a header, one column a side: the values to compare sit next to each other.
function renderTelling(responses) {
  const rows = TELLING.map((name) => {
    const row = element("tr");
    row.dataset.header = name;
    const heading = element("th");
    heading.scope = "row";
    heading.append(
      element("code", name, "header-name"),
      element("span", explanation(name), "header-note"),
    );
    row.append(heading);
    SIDES.forEach((side, index) => {
      const cell = element("td");
      cell.dataset.side = side.key;
      cell.dataset.label = side.name;
      cell.append(tellingValue(responses[index], name));
      row.append(cell);
    });
    return row;
  });
  document.querySelector("#telling tbody").replaceChildren(...rows);
}

function staticStory(response) {
  const etag = response.headers.get("etag");
  if (response.status === 304) {
    return `The server checked the fingerprint ${seen.etag} against the file, found it unchanged and sent no body: the browser's copy is still good.`;
  }
  let story = `The file's fingerprint (ETag) is ${etag}`;
  if (seen.etag === null) {
    story += ".";
  } else if (seen.etag === etag) {
    story += ": the same as last time, because it is the same file.";
  } else {
    story += `: it was ${seen.etag}, so someone published the file again.`;
  }
  seen.etag = etag;
  return story;
}

function visitCount(page) {
  const visits = page.querySelector(".visits strong");
  return visits ? Number(visits.textContent) : null;
}

function dynamicStory(page, result, asStranger) {
  const greeting = page.querySelector(".visitor .greeting");
  const count = visitCount(page);
  const said = greeting ? greeting.textContent.trim().replace(/\s+/g, " ") : "(no greeting)";
  if (asStranger) {
    return `Sent without cookies, so the server saw a first-time visitor. Visit count on the page: ${count}. Greeting: “${said}” Your own count, kept under your cookie, was not touched.`;
  }
  let story = `Visit count on the page: ${count}`;
  story += seen.visits === null ? "." : ` (it was ${seen.visits}: the view counted this visit).`;
  seen.visits = count;
  seen.date = result.response.headers.get("date");
  return `${story} Greeting: “${said}”`;
}

function clean(node) {
  return node.textContent.trim().replace(/\s+/g, " ");
}

// Where each answer puts its dishes: the file one table row a dish, the view as
// templates/menu/list.html renders them. Either way the name is the first text of
// its element (the file's description follows it in a span).
const DISHES = {
  file: { row: "tbody tr", name: "th[scope=row]", price: "td.price" },
  view: { row: ".dish", name: ".dish-name", price: ".dish-head .price" },
};

function prices(page, where) {
  const found = new Map();
  page.querySelectorAll(where.row).forEach((row) => {
    const name = row.querySelector(where.name);
    const price = row.querySelector(where.price);
    if (name && price) {
      found.set(clean(name.firstChild), clean(price));
    }
  });
  return found;
}

function listed(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function differences(file, view) {
  const said = [];
  for (const [name, price] of file) {
    if (view.has(name) && view.get(name) !== price) {
      said.push(`${name}: the file says ${price}, the view says ${view.get(name)}.`);
    }
  }
  if (said.length === 0) {
    said.push("The file and the view agree on every price.");
  }
  const onlyFile = [...file.keys()].filter((name) => !view.has(name));
  const onlyView = [...view.keys()].filter((name) => !file.has(name));
  if (onlyFile.length) {
    said.push(
      `Only the file lists ${listed(onlyFile)}: the kitchen has taken it off the live menu.`,
    );
  }
  if (onlyView.length) {
    said.push(`Only the view lists ${listed(onlyView)}: the file was printed before it was added.`);
  }
  return said.join(" ");
}

function svgElement(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

// A round step for the axis: about five ticks, each 1, 2 or 5 times a power of ten.
function tickStep(span) {
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough);
}

// A chart's frame: rows labelled on the left, a time axis in ms along the bottom.
// Returns the svg and a function from ms to x.
function chartFrame(container, rowNames, maxMs, rowHeight) {
  const width = Math.max(280, Math.round(container.clientWidth || 600));
  const left = 76;
  const right = 24;
  const top = 8;
  const height = top + rowNames.length * rowHeight + 40;
  const svg = svgElement("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    "aria-hidden": "true",
    focusable: "false",
    class: "chart-svg",
  });
  const step = tickStep(maxMs);
  const end = Math.ceil(maxMs / step) * step;
  const x = (value) => left + (value / end) * (width - left - right);
  const bottom = top + rowNames.length * rowHeight;
  for (let tick = 0; tick <= end + step / 2; tick += step) {
    svg.append(
      svgElement("line", { x1: x(tick), x2: x(tick), y1: top, y2: bottom, class: "grid" }),
    );
    const label = Number.isInteger(step) ? tick : tick.toFixed(1);
    svg.append(svgElement("text", { x: x(tick), y: bottom + 16, class: "tick" }, label));
  }
  svg.append(
    svgElement("line", { x1: left, x2: width - right, y1: bottom, y2: bottom, class: "axis" }),
    svgElement(
      "text",
      { x: (left + width - right) / 2, y: bottom + 34, class: "axis-label" },
      "milliseconds",
    ),
  );
  rowNames.forEach((name, index) => {
    const y = top + index * rowHeight + rowHeight / 2 + 5;
    svg.append(svgElement("text", { x: 0, y, class: "row-label" }, name));
  });
  container.replaceChildren(svg);
  return { svg, x, top };
}

function drawTimeline(entries) {
  const figure = document.getElementById("timeline");
  const drawing = figure.querySelector(".chart-drawing");
  if (entries.some((entry) => !entry)) {
    drawing.replaceChildren();
    figure.querySelector("figcaption").textContent =
      "This browser gave no Resource Timing for one of the requests: there is no timeline to draw.";
    return;
  }
  const origin = Math.min(...entries.map((entry) => entry.startTime));
  const at = (time) => time - origin;
  const maxMs = Math.max(...entries.map((entry) => at(entry.responseEnd)), 0.1);
  const rowHeight = 36;
  const { svg, x, top } = chartFrame(drawing, SIDES.map((side) => side.name), maxMs, rowHeight);
  const sentences = [];
  entries.forEach((entry, index) => {
    const side = SIDES[index];
    const y = top + index * rowHeight + 8;
    const group = svgElement("g", { class: `side-${side.key}` });
    // requestStart is 0 when the browser hides the phases; the whole fetch is then one wait.
    const asked = entry.requestStart ? at(entry.requestStart) : at(entry.startTime);
    const firstByte = entry.responseStart ? at(entry.responseStart) : at(entry.responseEnd);
    const done = at(entry.responseEnd);
    // Each phase at least a pixel wide, so a very quick one still shows.
    const bar = (from, to, className) =>
      svgElement("rect", {
        x: x(from),
        y,
        width: Math.max(x(to) - x(from), 1),
        height: 20,
        class: className,
      });
    group.append(
      svgElement("line", {
        x1: x(at(entry.startTime)),
        x2: x(asked),
        y1: y + 10,
        y2: y + 10,
        class: "queue",
      }),
      bar(asked, firstByte, "wait"),
      bar(firstByte, done, "download"),
    );
    svg.append(group);
    const name = side.name.charAt(0).toUpperCase() + side.name.slice(1);
    sentences.push(
      `${name} was asked for at ${ms(at(entry.startTime))}, ` +
        `waited ${ms(firstByte - asked)} for its first byte and had the last one at ${ms(done)}.`,
    );
  });
  figure.querySelector("figcaption").textContent =
    `On one clock starting when the first request left: ${sentences.join(" ")} ` +
    "The gap between the two is this page's own script reading the file's answer " +
    "before it asks for the view.";
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function drawRace(times) {
  const figure = document.getElementById("race");
  const drawing = figure.querySelector(".chart-drawing");
  // Shown first: a hidden figure has no width to draw to.
  figure.hidden = false;
  const maxMs = Math.max(...times.flat(), 0.1);
  const rowHeight = 56;
  const { svg, x, top } = chartFrame(drawing, SIDES.map((side) => side.name), maxMs, rowHeight);
  const medians = times.map(median);
  times.forEach((values, index) => {
    const side = SIDES[index];
    const middle = top + index * rowHeight + rowHeight / 2;
    const group = svgElement("g", { class: `side-${side.key}` });
    values.forEach((value, round) => {
      // Spread the dots up and down a little so equal times stay countable.
      const spread = ((round % 5) - 2) * 4;
      group.append(
        svgElement("circle", { cx: x(value), cy: middle + spread, r: 4, class: "mark" }),
      );
    });
    const medianX = x(medians[index]);
    group.append(
      svgElement("line", {
        x1: medianX,
        x2: medianX,
        y1: middle - 18,
        y2: middle + 18,
        class: "median",
      }),
      svgElement(
        "text",
        { x: medianX + 4, y: middle - 12, class: "median-label" },
        `median ${ms(medians[index])}`,
      ),
    );
    svg.append(group);
  });
  const [file, view] = medians;
  const ratio =
    file > 0
      ? ` At the median, the view took ${(view / file).toFixed(1)} times as long as the file.`
      : "";
  figure.querySelector("figcaption").textContent =
    `Each dot is one fetch. The file: median ${ms(file)} over ${times[0].length} fetches ` +
    `(fastest ${ms(Math.min(...times[0]))}, slowest ${ms(Math.max(...times[0]))}). ` +
    `The view: median ${ms(view)} over ${times[1].length} fetches ` +
    `(fastest ${ms(Math.min(...times[1]))}, slowest ${ms(Math.max(...times[1]))}).${ratio}`;
}

async function run(action) {
  const staticPanel = document.getElementById("panel-static");
  const dynamicPanel = document.getElementById("panel-dynamic");
  const asStranger = action === "stranger";
  const credentials = asStranger ? "omit" : "same-origin";

  const askedSince = seen.date;
  const staticHeaders = {};
  const dynamicHeaders = {};
  if (action === "revalidate" && seen.etag) {
    staticHeaders["If-None-Match"] = seen.etag;
  }
  if (action === "revalidate" && askedSince) {
    dynamicHeaders["If-Modified-Since"] = askedSince;
  }

  const staticResult = await fetchPage(staticPanel.dataset.url, {
    credentials,
    headers: staticHeaders,
  });
  renderPanel(staticPanel, staticResult, staticStory(staticResult.response));
  if (staticResult.body) {
    const file = new DOMParser().parseFromString(staticResult.body, "text/html");
    seen.filePrices = prices(file, DISHES.file);
  }

  const dynamicResult = await fetchPage(dynamicPanel.dataset.url, {
    credentials,
    headers: dynamicHeaders,
  });
  const view = new DOMParser().parseFromString(dynamicResult.body, "text/html");
  let story = dynamicStory(view, dynamicResult, asStranger);
  if (action === "revalidate" && askedSince) {
    story = `Asked whether the page changed since ${askedSince}, the view had no fingerprint or date to check, so it built the page again. ${story}`;
  }
  renderPanel(dynamicPanel, dynamicResult, story);
  renderTelling([staticResult.response, dynamicResult.response]);
  if (seen.filePrices) {
    document.getElementById("differs").textContent = differences(
      seen.filePrices,
      prices(view, DISHES.view),
    );
  }
  drawn.timeline = [staticResult.entry, dynamicResult.entry];
  drawTimeline(drawn.timeline);
}

// The number of fetches asked for, or null when it is not a whole number from 1 to 50.
function raceRounds() {
  const text = document.getElementById("race-rounds").value.trim();
  const rounds = Number(text);
  return /^\d+$/.test(text) && rounds >= ROUNDS.min && rounds <= ROUNDS.max ? rounds : null;
}

async function race(rounds, said) {
  const times = [[], []];
  let last = null;
  for (let round = 1; round <= rounds; round += 1) {
    said.textContent = `Round ${round} of ${rounds}…`;
    // One request at a time, taking turns, so neither side gets a quieter moment.
    for (const [index, side] of SIDES.entries()) {
      const url = document.getElementById(`panel-${side.key}`).dataset.url;
      const result = await fetchPage(url, { credentials: "same-origin" });
      times[index].push(result.entry ? result.entry.duration : result.elapsed);
      last = side.key === "dynamic" ? result : last;
    }
  }
  drawn.race = times;
  drawRace(times);
  const count = visitCount(new DOMParser().parseFromString(last.body, "text/html"));
  seen.visits = count;
  return (
    `Race done: ${rounds} fetch${rounds === 1 ? "" : "es"} of each page. ` +
    `The live menu counted every one as a visit: your count is now ${count}.`
  );
}

const SAID = {
  load: "Both pages fetched again.",
  revalidate: "Both pages asked whether they changed.",
  stranger: "Both pages fetched without this browser's cookies.",
};

async function press(compare, action) {
  // Enter in the race's number field must not start a second run alongside this one.
  if (compare.getAttribute("aria-busy") === "true") {
    return;
  }
  const buttons = compare.querySelectorAll("button[data-action]");
  const said = compare.querySelector(action === "race" ? ".race-said" : ".compare-said");
  const rounds = action === "race" ? raceRounds() : null;
  if (action === "race" && rounds === null) {
    said.textContent =
      `Choose a whole number of fetches from ${ROUNDS.min} to ${ROUNDS.max}; ` +
      "nothing was fetched.";
    return;
  }
  buttons.forEach((button) => {
    button.disabled = true;
  });
  compare.setAttribute("aria-busy", "true");
  try {
    if (action === "race") {
      said.textContent = await race(rounds, said);
    } else {
      await run(action);
      said.textContent = SAID[action];
    }
  } catch (error) {
    said.textContent = `The server could not be reached: ${error.message}`;
  } finally {
    compare.setAttribute("aria-busy", "false");
    buttons.forEach((button) => {
      button.disabled = false;
    });
  }
}

// The charts are drawn at the width they are shown, so their text stays readable.
function redrawOnResize() {
  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) {
      return;
    }
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (drawn.timeline) {
        drawTimeline(drawn.timeline);
      }
      if (drawn.race) {
        drawRace(drawn.race);
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const compare = document.querySelector(".compare");
  if (!compare) {
    return;
  }
  const body = document.getElementById("panel-body");
  compare.querySelectorAll(".panel").forEach((panel) => {
    panel.append(body.content.cloneNode(true));
  });
  compare.hidden = false;
  document.querySelector(".compare-no-script").hidden = true;
  compare.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) {
      press(compare, button.dataset.action);
    }
  });
  document.getElementById("race-rounds").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      press(compare, "race");
    }
  });
  redrawOnResize();
  press(compare, "load");
});
