/*
 * Search suggestions as progressive enhancement.
 *
 * Every search form with a data-suggest-url attribute keeps working as a plain
 * GET form; with JavaScript, its field offers titles of pages in the current
 * language through a native <datalist> (keyboard and screen-reader support
 * come from the browser). The endpoint answers {"suggestions": [{"title", "url"}]}.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;

  function enhance(form, index) {
    var input = form.querySelector('input[name="q"]');
    var url = form.getAttribute("data-suggest-url");
    if (!input || !url || !window.fetch) {
      return;
    }
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    form.appendChild(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");

    var timer = null;
    var controller = null;

    function show(suggestions) {
      list.replaceChildren();
      suggestions.forEach(function (suggestion) {
        var option = document.createElement("option");
        option.value = suggestion.title;
        list.appendChild(option);
      });
    }

    function load() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        show([]);
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          show(data.suggestions || []);
        })
        .catch(function () {
          /* Suggestions are optional: the form still works without them. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, DELAY_MS);
    });
  }

  document.querySelectorAll("form[data-suggest-url]").forEach(enhance);
})();
