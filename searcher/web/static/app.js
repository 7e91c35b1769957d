// A little help for the page; everything works without it.
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  // a new sort order applies at once (without script, the sort button beside it does)
  for (const select of document.querySelectorAll("select.autosubmit")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // "/" goes to the search box, as on most search pages
  const box = document.querySelector("#search input[name=q]");
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (event.key === "/" && !typing && box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
});
