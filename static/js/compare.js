// Fills the two panels of /compare/ with real answers from this server: the
// static /takeout/ file on the left, the live /menu/ page on the right.
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

const seen = { etag: null, visits: null, date: null };

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

function headerRow(name, value, hidden) {
  const row = element("tr", null, TELLING.includes(name) ? "telling" : null);
  row.append(element("th", name));
  row.firstChild.scope = "row";
  const cell = element("td");
  cell.append(element("code", value, hidden ? "absent" : null));
  if (TELLING.includes(name)) {
    cell.append(element("span", explanation(name), "header-note"));
  }
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
    ? `${entry.duration.toFixed(1)} ms, from the request leaving to the last byte arriving (Resource Timing)`
    : `${elapsed.toFixed(1)} ms`;
  field(panel, "body").textContent = body
    ? `${body.length} characters of HTML, beginning “${body.slice(0, 60).replace(/\s+/g, " ")}…”`
    : `None: a ${response.status} answer carries no body.`;
  field(panel, "story").textContent = story;

  const rows = [];
  const names = [];
  for (const [name, value] of response.headers) {
    rows.push(headerRow(name, value, false));
    names.push(name);
  }
  rows.push(headerRow("set-cookie", "unreadable: sent or not, browsers never show it to scripts", true));
  for (const name of TELLING) {
    if (!names.includes(name) && name !== "set-cookie") {
      rows.push(headerRow(name, "not sent", true));
    }
  }
  field(panel, "headers").replaceChildren(...rows);
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

function dynamicStory(result, asStranger) {
  const page = new DOMParser().parseFromString(result.body, "text/html");
  const greeting = page.querySelector(".visitor .greeting");
  const visits = page.querySelector(".visits strong");
  const count = visits ? Number(visits.textContent) : null;
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

  const dynamicResult = await fetchPage(dynamicPanel.dataset.url, {
    credentials,
    headers: dynamicHeaders,
  });
  let story = dynamicStory(dynamicResult, asStranger);
  if (action === "revalidate" && askedSince) {
    story = `Asked whether the page changed since ${askedSince}, the view had no fingerprint or date to check, so it built the page again. ${story}`;
  }
  renderPanel(dynamicPanel, dynamicResult, story);
}

const SAID = {
  load: "Both pages fetched again.",
  revalidate: "Both pages asked whether they changed.",
  stranger: "Both pages fetched without this browser's cookies.",
};

async function press(compare, action) {
  const buttons = compare.querySelectorAll("button[data-action]");
  const said = compare.querySelector(".compare-said");
  buttons.forEach((button) => {
    button.disabled = true;
  });
  compare.setAttribute("aria-busy", "true");
  try {
    await run(action);
    said.textContent = SAID[action];
  } catch (error) {
    said.textContent = `The server could not be reached: ${error.message}`;
  } finally {
    compare.setAttribute("aria-busy", "false");
    buttons.forEach((button) => {
      button.disabled = false;
    });
  }
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
  press(compare, "load");
});
