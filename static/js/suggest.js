// Suggestions as you type on the search page: the top few profiles and titles, as links under the box.
// Without JavaScript the form searches as before; with it, nothing is taken from the reader's typing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest]");
  var list = document.getElementById("search-suggestions");
  if (!form || !list || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var timer = null;
  var asked = "";
  var latest = 0;  // the newest request; an older answer, or one after Escape, is not shown
  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      var kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = item.kind;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }
  function ask() {
    var typed = input.value.trim();
    if (typed === asked) return;
    asked = typed;
    if (typed.length < 2) { show([]); return; }
    var mine = ++latest;
    fetch(form.getAttribute("data-suggest") + "?q=" + encodeURIComponent(typed), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
      .then(function (data) { if (mine === latest) show(data.suggestions || []); })
      .catch(function () { if (mine === latest) show([]); });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !list.hidden) {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape") {
      clearTimeout(timer);
      asked = input.value.trim();
      latest += 1;
      show([]);
    }
  });
}());
