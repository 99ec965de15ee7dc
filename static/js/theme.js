// Applies a visitor's light or dark theme on a static page. The file is the same
// for everyone, so the server cannot put the theme in it; the preferences page
// left a `theme` cookie in this browser, and this script, loaded in the <head>
// without `defer`, reads it before the page is first painted.
"use strict";

(() => {
  const match = document.cookie.match(/(?:^|;\s*)theme=(light|dark)(?:;|$)/);
  if (!match) {
    return;
  }
  const theme = match[1];
  document.documentElement.dataset.theme = theme;
  document.addEventListener("DOMContentLoaded", () => {
    const note = document.querySelector(".js-theme-applied");
    if (note) {
      note.textContent = `Your ${theme} theme was applied by your browser just now.`;
      note.hidden = false;
    }
  });
})();
