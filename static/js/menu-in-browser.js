// Builds the live menu inside a static page: the file is the same for everyone,
// the data comes from /api/menu/ for this visitor, and this script lays it out.
// Text goes in with textContent only, so a dish name can never become markup.
"use strict";

const API = "/api/menu/";

// An element with attributes and children (strings become text nodes).
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

function abbr(title, text) {
  return el("abbr", { title }, text);
}

// The same marks as templates/includes/dish_tags.html.
function tags(dish) {
  const marks = [];
  if (dish.vegan) {
    marks.push(abbr("vegan", "VG"));
  } else if (dish.vegetarian) {
    marks.push(abbr("vegetarian", "V"));
  }
  if (dish.gluten_free) {
    marks.push(abbr("gluten-free", "GF"));
  }
  if (dish.spice_level) {
    marks.push(abbr(`spice level ${dish.spice_level} of 3`, `Spice ${dish.spice_level}`));
  }
  return marks.flatMap((mark) => [mark, " "]);
}

function dishItem(dish, preferencesSet) {
  const fits = dish.problems.length === 0;
  const name = el("a", { class: "dish-name", href: dish.url }, dish.name);
  const head = el("div", { class: "dish-head" }, name);
  if (dish.favourite) {
    const hidden = el("span", { class: "visually-hidden" }, " favourite");
    head.append(el("span", { class: "star", title: "One of your favourites" }, "★", hidden));
  }
  head.append(el("span", { class: "price" }, `$${dish.price}`));
  const tagLine = el("p", { class: "tags" }, ...tags(dish));
  if (preferencesSet) {
    tagLine.append(
      fits
        ? el("span", { class: "fit" }, "Suits you")
        : el("span", { class: "no-fit" }, `Not for you: ${dish.problems.join(", ")}`),
    );
  }
  const note = el("p", { class: "dish-note" }, dish.description);
  return el("li", { class: `dish ${fits ? "fits" : "misfit"}` }, head, note, tagLine);
}

function sectionBlock(section, index, preferencesSet) {
  const id = `section-${index + 1}`;
  return el(
    "section",
    { class: "menu-section", "aria-labelledby": id },
    el("h3", { id }, section.title),
    el("ul", { class: "dishes" }, ...section.dishes.map((d) => dishItem(d, preferencesSet))),
  );
}

function show(selector, ...content) {
  const element = document.querySelector(selector);
  element.replaceChildren(...content);
  element.hidden = false;
}

function greet(visitor) {
  const name = visitor.name ? el("strong", {}, visitor.name) : null;
  if (visitor.signed_in) {
    show(".js-greeting", "Welcome back, ", name, ". The server knew you by your session cookie.");
  } else if (name) {
    show(
      ".js-greeting",
      "Hello, ",
      name,
      ". You are not signed in: the server read your preferences from your session.",
    );
  } else {
    show(".js-greeting", "You are not signed in, so this is the menu anyone gets.");
  }
}

function explainPreferences(preferencesSet) {
  const link = el("a", { href: "/accounts/preferences/" }, "preferences");
  if (preferencesSet) {
    const mark = el("strong", {}, "Suits you");
    show(
      ".js-preferences",
      "Dishes that suit your ",
      link,
      " come first in each section and are marked ",
      mark,
      ".",
    );
  } else {
    show(
      ".js-preferences",
      "Tell the kitchen what you eat in your ",
      link,
      " and this menu puts the dishes that suit you first.",
    );
  }
}

function number(value) {
  return value.toLocaleString("en");
}

// Step 1: this file, as every visitor gets it. A HEAD request reads its ETag.
async function describeFile() {
  const response = await fetch(window.location.pathname, { method: "HEAD", cache: "no-store" });
  const [navigation] = performance.getEntriesByType("navigation");
  const bytes = navigation ? navigation.decodedBodySize : 0;
  const size = bytes ? `${number(bytes)} bytes, ` : "";
  show(
    ".js-step-file",
    `Just now: the file is ${size}with ETag `,
    el("code", {}, response.headers.get("ETag") || "(none)"),
    ", the same for every visitor, signed in or not.",
  );
}

function describeServer(response, bytes) {
  const timing = response.headers.get("Server-Timing") || "";
  const app = timing.match(/app;dur=([\d.]+)/);
  const queries = timing.match(/desc="([^"]+)"/);
  const sentence = app && queries ? `: the view ran for ${app[1]} ms and made ${queries[1]}.` : ".";
  const type = response.headers.get("Content-Type");
  show(
    ".js-step-server",
    `Just now: ${API} answered ${response.status} with ${number(bytes)} bytes of ${type}. Its `,
    el("code", {}, `Server-Timing: ${timing}`),
    sentence,
  );
}

async function buildMenu() {
  const status = document.querySelector(".js-menu-status");
  status.textContent = "Loading: your browser is asking the server for your menu…";
  const started = performance.now();
  let response;
  try {
    response = await fetch(API, { headers: { Accept: "application/json" }, cache: "no-store" });
  } catch (error) {
    status.textContent =
      `Your browser could not reach the server (${error.message}), ` +
      "so there is no menu to build. Try again in a moment.";
    return;
  }
  if (!response.ok) {
    status.textContent =
      `The server answered ${response.status} instead of the menu, ` +
      "so your browser has nothing to build. The live menu at /menu/ may say why.";
    return;
  }
  const text = await response.text();
  const data = JSON.parse(text);
  greet(data.visitor);
  explainPreferences(data.preferences_set);
  const sections = data.sections.map((s, i) => sectionBlock(s, i, data.preferences_set));
  const empty = el("p", {}, "The kitchen has nothing on the menu right now.");
  document.querySelector(".js-menu").replaceChildren(...(sections.length ? sections : [empty]));
  // A special is listed twice (with the specials and in its course) but is one dish.
  const dishes = new Set(data.sections.flatMap((s) => s.dishes.map((dish) => dish.slug))).size;
  const took = (performance.now() - started).toFixed(1);
  status.textContent = "Built by your browser just now, from the data the server sent.";
  show(
    ".js-step-script",
    `Just now: the script asked ${API} for your menu and built ${sections.length} sections ` +
      `with ${dishes} dishes, ${took} ms from its request to its last dish.`,
  );
  describeServer(response, new TextEncoder().encode(text).length);
}

document.addEventListener("DOMContentLoaded", () => {
  buildMenu();
  describeFile().catch(() => {
    // The menu does not need this figure; without it the step's words stand alone.
  });
});
