// Lists the cookies this page's own script can see, next to the ones the
// server saw: the HttpOnly session cookie is missing from this list.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const note = document.querySelector(".js-cookies");
  if (!note) {
    return;
  }
  const names = document.cookie
    .split(";")
    .map((pair) => pair.split("=")[0].trim())
    .filter(Boolean);
  note.querySelector(".js-cookie-names").textContent = names.length ? names.join(", ") : "none";
  note.hidden = false;
});
