/* Beside each date and time field of the admin, the same moment in the editor's own time zone,
   when theirs is not the site's (an editor in Ljubljana sees what 09:00 Japan time is for her).
   Django's own "You are N hours behind server time" note is hidden (admin.css) in favour of this one. */
(function () {
  "use strict";
  var script = document.currentScript;
  var siteZone = script && script.dataset.siteZone;
  var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!siteZone || !here || siteZone === here) { return; }
  var label = script.dataset.label || "Your time";

  function offsetMinutes(date, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    var asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return (asUtc - date.getTime()) / 60000;
  }

  function show(row) {
    var dateInput = row.querySelector("input.vDateField");
    var timeInput = row.querySelector("input.vTimeField");
    var note = row.querySelector(".local-time");
    if (!note) {
      note = document.createElement("p");
      note.className = "help local-time";
      note.setAttribute("aria-live", "polite");
      row.appendChild(note);
    }
    var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec((dateInput.value || "").trim());
    var t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec((timeInput.value || "").trim());
    if (!d || !t) { note.textContent = ""; return; }
    var wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2], +(t[3] || 0));
    var moment = new Date(wall - offsetMinutes(new Date(wall), siteZone) * 60000);
    moment = new Date(wall - offsetMinutes(moment, siteZone) * 60000);
    note.textContent = label + ": " + new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: here, timeZoneName: "short"
    }).format(moment);
  }

  function start() {
    document.querySelectorAll("p.datetime").forEach(function (row) {
      if (!row.querySelector("input.vDateField") || !row.querySelector("input.vTimeField")) { return; }
      show(row);
      row.addEventListener("input", function () { show(row); });
      row.addEventListener("change", function () { show(row); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
