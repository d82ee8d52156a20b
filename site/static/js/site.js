/*
 * The header's menu button on small screens: a disclosure (aria-expanded) for
 * the search, the language links and the main menu. Escape closes it and
 * returns focus to the button. Without JavaScript, no-js.css shows the menu.
 */
(function () {
  "use strict";

  var button = document.querySelector(".menu-button");
  var header = document.querySelector(".site-header");
  if (!button || !header) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
