// For a visitor whose device is in another time zone than the clinic (a parent visiting family): times stay in the
// clinic's zone, and each marked time gets "that is 3:00 PM your time". Nothing happens when the zones agree, or
// without script. Reads only what the page already shows; sends nothing anywhere.
(function () {
  "use strict";
  var clinicZone = document.body.getAttribute("data-clinic-zone");
  var locale = document.documentElement.getAttribute("lang") || undefined;
  var mine;
  try { mine = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!clinicZone || !mine || mine === clinicZone) { return; }
  var offsetOf = function (zone, when) {
    var parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric",
      day: "numeric", hour: "numeric", minute: "numeric" }).formatToParts(when);
    var get = function (t) { return Number(parts.find(function (p) { return p.type === t; }).value); };
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - when.getTime();
  };
  if (offsetOf(mine, new Date()) === offsetOf(clinicZone, new Date())) { return; }
  // The words come from the page, in the reader's language ({0} is the time or the zone).
  var say = function (name, fallback, value) {
    return (document.body.getAttribute(name) || fallback).replace("{0}", value);
  };
  var timeOnly = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  var withDay = new Intl.DateTimeFormat(locale, { weekday: "short", hour: "numeric", minute: "2-digit" });
  document.querySelectorAll("[data-start]").forEach(function (el) {
    var when = new Date(el.getAttribute("data-start"));
    if (isNaN(when.getTime())) { return; }
    var sameDay = new Intl.DateTimeFormat("en-CA", { timeZone: clinicZone }).format(when) ===
      new Intl.DateTimeFormat("en-CA").format(when);
    var note = document.createElement("span");
    note.className = "your-time";
    note.textContent = " " + say("data-your-time", "(that is {0} your time)", (sameDay ? timeOnly : withDay).format(when));
    el.appendChild(note);
  });
  document.querySelectorAll(".zone-note").forEach(function (el) {
    var note = document.createElement("span");
    note.className = "your-time";
    note.textContent = " " + say("data-other-zone", "Your device is set to another time zone ({0}): go by the clinic's times.", mine.replace(/_/g, " "));
    el.appendChild(note);
  });
})();
