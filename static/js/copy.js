// "Copy" buttons: each copies the text of the element its data-copy names, and says so.
// Without JavaScript the buttons stay hidden and the text can still be selected and copied.
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(source.value || source.textContent).then(
        function () { if (status) status.textContent = button.getAttribute("data-copied"); },
        function () { source.select(); if (status) status.textContent = button.getAttribute("data-select"); }
      );
    });
  });
})();
