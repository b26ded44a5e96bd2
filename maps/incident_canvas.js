/* Incidents drawn in one pass on the map's own canvas renderer.
 *
 * One Leaflet layer for all incidents instead of one Leaflet object each: the
 * columns arrive as base64 typed arrays (maps/incident_payload.py), points are
 * projected with plain arithmetic, drawn batched by colour, and clicks are
 * hit-tested against the points drawn last. Being a Path on the map's canvas
 * renderer (prefer_canvas), the layer shares the district outlines' canvas:
 * a click on a point opens its popup, a click beside it reaches the district.
 * When more points are in view than can be read apart (AGGREGATE_ABOVE), the
 * view shows counts per screen cell instead; a click on a cell zooms in.
 */
(function () {
    "use strict";
    var AGGREGATE_ABOVE = 15000;
    var CELL_PIXELS = 36;
    var OUTLINED_UP_TO = 5000;
    var PLACED = ["", "near this point", "district only"];
    var TWO_PI = 2 * Math.PI;

    function decode(column) {
        if (column === null || column === undefined) { return null; }
        var binary = atob(column.data);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
        var Type = {u1: Uint8Array, u2: Uint16Array, u4: Uint32Array}[column.type];
        return new Type(bytes.buffer);
    }

    function label(name, value) {
        return value ? "<tr><th>" + name + "</th><td>" + value + "</td></tr>" : "";
    }

    L.IncidentDots = L.Path.extend({
        options: {interactive: true, bubblingMouseEvents: false},

        initialize: function (data, options) {
            L.setOptions(this, options);
            this._data = data;
            var count = data.count;
            this._count = count;
            var latitude = decode(data.lat), longitude = decode(data.lon);
            // Web Mercator in [0, 1]: a zoom's pixel is then one multiply and one subtract.
            this._u = new Float64Array(count);
            this._v = new Float64Array(count);
            this._latitude = new Float64Array(count);
            this._longitude = new Float64Array(count);
            var latStep = (data.lat.max - data.lat.min) / 65535, lonStep = (data.lon.max - data.lon.min) / 65535;
            for (var i = 0; i < count; i++) {
                var lat = data.lat.min + latitude[i] * latStep, lon = data.lon.min + longitude[i] * lonStep;
                this._latitude[i] = lat;
                this._longitude[i] = lon;
                this._u[i] = 0.5 + lon / 360;
                var sine = Math.sin(lat * Math.PI / 180);
                this._v[i] = 0.5 - Math.log((1 + sine) / (1 - sine)) / (4 * Math.PI);
            }
            this._type = decode(data.type);
            this._fatalities = decode(data.fatalities);
            this._columns = {};
            for (var name in data.codes) { this._columns[name] = decode(data.codes[name]); }
            this._days = decode(data.day);
            this._precision = decode(data.precision);
            this._injuries = decode(data.injuries);
            this._x = new Float32Array(count);
            this._y = new Float32Array(count);
            this._radius = new Float32Array(count);
            var radius = data.radius;
            for (i = 0; i < count; i++) {
                this._radius[i] = Math.min(radius.base + radius.step * Math.sqrt(this._fatalities[i]), radius.max);
            }
            // Largest first, so small incidents stay visible on top of large ones.
            var sizes = this._radius;
            var order = Int32Array.from({length: count}, function (_, index) { return index; });
            order.sort(function (a, b) { return sizes[b] - sizes[a] || a - b; });
            this._bySize = order;
            // The same order split by event type and certainty of place (group = type * 3 + certainty),
            // for one path per colour and style when there are many.
            var byGroup = [];
            for (var g = 0; g < data.color.length * 3; g++) { byGroup.push([]); }
            for (var k = 0; k < count; k++) {
                byGroup[this._type[order[k]] * 3 + this._certainty(order[k])].push(order[k]);
            }
            this._byGroup = byGroup.map(function (list) { return Int32Array.from(list); });
            this._drawn = new Int32Array(0);
            this._cells = null;
            this._hit = -1;
        },

        // Days after first_day shown, both ends included; null: every date.
        setTimeWindow: function (from, to) {
            this._window = from === null ? null : [from, to];
            var shown = this._count;
            if (this._window) {
                shown = 0;
                for (var i = 0; i < this._count; i++) { if (this._inWindow(i)) { shown++; } }
            }
            if (this._map) {
                this._map.getContainer().dataset.timeCount = shown;
                this.redraw();
            }
            return shown;
        },

        _inWindow: function (i) {
            return !this._window || (this._days[i] >= this._window[0] && this._days[i] <= this._window[1]);
        },

        getLatLng: function (index) {
            return L.latLng(this._latitude[index], this._longitude[index]);
        },

        _project: function () {
            var map = this._map;
            var scale = map.options.crs.scale(map.getZoom());
            var origin = map.getPixelOrigin();
            var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
            for (var i = 0; i < this._count; i++) {
                var x = this._x[i] = this._u[i] * scale - origin.x;
                var y = this._y[i] = this._v[i] * scale - origin.y;
                if (x < minX) { minX = x; } if (x > maxX) { maxX = x; }
                if (y < minY) { minY = y; } if (y > maxY) { maxY = y; }
            }
            // What the renderer needs to know when to redraw this layer (largest marker as margin).
            var margin = this._data.radius.max + 1;
            this._pxBounds = this._count ? L.bounds([minX - margin, minY - margin], [maxX + margin, maxY + margin])
                : L.bounds([0, 0], [0, 0]);
        },

        _update: function () {
            if (this._map) { this._updatePath(); }
        },

        _empty: function () { return this._count === 0; },

        _updatePath: function () {
            var renderer = this._renderer, context = renderer._ctx;
            // Like Leaflet's own paths, draw only inside the renderer's redraw pass.
            if (!context || !renderer._drawing) { return; }
            var bounds = renderer._bounds;
            var west = bounds.min.x, north = bounds.min.y, east = bounds.max.x, south = bounds.max.y;
            var visible = [], inView = 0, i, k;
            for (var g = 0; g < this._byGroup.length; g++) {
                var list = this._byGroup[g], kept = [];
                for (k = 0; k < list.length; k++) {
                    i = list[k];
                    var x = this._x[i], y = this._y[i];
                    if (x >= west && x <= east && y >= north && y <= south && this._inWindow(i)) { kept.push(i); }
                }
                visible.push(kept);
                inView += kept.length;
            }
            this._inView = inView;
            this._showCellNote(inView > AGGREGATE_ABOVE);
            if (inView > AGGREGATE_ABOVE) {
                this._drawCells(context, visible, bounds);
                return;
            }
            this._cells = null;
            if (inView <= OUTLINED_UP_TO) {
                this._drawOutlined(context, west, north, east, south, inView);
                return;
            }
            var drawn = new Int32Array(inView), n = 0;
            // One bit per group and screen pixel: a point on a pixel where a point of its group is
            // already drawn lies inside it (largest first), so drawing it changes nothing.
            var width = Math.ceil(east - west) + 1, height = Math.ceil(south - north) + 1;
            if (!this._occupied || this._occupied.length !== width * height) {
                this._occupied = new Uint32Array(width * height);
            } else {
                this._occupied.fill(0);
            }
            var occupied = this._occupied;
            for (g = 0; g < visible.length; g++) {
                var indices = visible[g], bit = 1 << g;
                if (!indices.length) { continue; }
                context.beginPath();
                for (k = 0; k < indices.length; k++) {
                    i = indices[k];
                    var cell = ((this._y[i] - north) | 0) * width + ((this._x[i] - west) | 0);
                    if (occupied[cell] & bit) { continue; }
                    occupied[cell] |= bit;
                    var r = this._radius[i];
                    context.moveTo(this._x[i] + r, this._y[i]);
                    context.arc(this._x[i], this._y[i], r, 0, TWO_PI);
                    drawn[n++] = i;
                }
                // Exact points filled, "near" points pale, district-only points as rings.
                this._paint(context, this._data.color[(g / 3) | 0], g % 3, false);
            }
            this._drawn = drawn.subarray(0, n);
        },

        // 0: at the named place (geo_precision 1); 1: near a place or part of it (2); 2: district only (3).
        _certainty: function (i) {
            var precision = this._precision ? this._precision[i] : 1;
            return precision >= 3 ? 2 : precision === 2 ? 1 : 0;
        },

        // Fill and outline of the current path, by how certain its place is: solid, pale, or a dashed ring.
        _paint: function (context, color, certainty, outlined) {
            if (certainty === 2) {
                // Dashes cost much more to draw: only when points are few enough to be outlined.
                if (outlined) { context.setLineDash([3, 2]); }
                context.lineWidth = 1.5;
                context.strokeStyle = color;
                context.stroke();
                context.setLineDash([]);
                return;
            }
            context.globalAlpha = certainty === 1 ? 0.3 : 0.85;
            context.fillStyle = color;
            context.fill();
            context.globalAlpha = 1;
            if (certainty === 1 && outlined) {
                context.lineWidth = 1;
                context.strokeStyle = color;
                context.stroke();
            } else if (outlined) {
                context.lineWidth = 1;
                context.strokeStyle = "#ffffff";
                context.stroke();
            }
        },

        // Few enough to draw one by one with a white outline, largest first, as Leaflet's markers look.
        _drawOutlined: function (context, west, north, east, south, inView) {
            var drawn = new Int32Array(inView), n = 0, colors = this._data.color;
            for (var k = 0; k < this._count; k++) {
                var i = this._bySize[k], x = this._x[i], y = this._y[i];
                if (x < west || x > east || y < north || y > south || !this._inWindow(i)) { continue; }
                context.beginPath();
                context.arc(x, y, this._radius[i], 0, TWO_PI);
                this._paint(context, colors[this._type[i]], this._certainty(i), true);
                drawn[n++] = i;
            }
            this._drawn = drawn;
        },

        // A line on the map while it shows counts instead of points, saying why and what to do.
        _showCellNote: function (show) {
            var container = this._map && this._map.getContainer();
            if (!container) { return; }
            container.dataset.cells = show ? "1" : "0";
            if (show && !this._cellNote) {
                this._cellNote = L.control({position: "topright"});
                this._cellNote.onAdd = function () {
                    var div = L.DomUtil.create("div", "incident-legend");
                    div.textContent = "Over " + AGGREGATE_ABOVE.toLocaleString("en")
                        + " incidents in view: circles count them per area. Zoom in or filter to see each one.";
                    div.style.maxWidth = "260px";
                    return div;
                };
                this._cellNote.addTo(this._map);
            } else if (!show && this._cellNote) {
                this._cellNote.remove();
                this._cellNote = null;
            }
        },

        // Counts per screen cell: the view of more incidents than can be told apart.
        _drawCells: function (context, visible, bounds) {
            var columns = Math.ceil((bounds.max.x - bounds.min.x) / CELL_PIXELS) + 1;
            var counts = new Map();
            for (var t = 0; t < visible.length; t++) {
                var indices = visible[t];
                for (var k = 0; k < indices.length; k++) {
                    var i = indices[k];
                    var cell = Math.floor((this._y[i] - bounds.min.y) / CELL_PIXELS) * columns
                        + Math.floor((this._x[i] - bounds.min.x) / CELL_PIXELS);
                    var entry = counts.get(cell);
                    if (entry === undefined) { counts.set(cell, entry = {count: 0, x: 0, y: 0}); }
                    entry.count += 1;
                    entry.x += this._x[i];
                    entry.y += this._y[i];
                }
            }
            var cells = [];
            counts.forEach(function (entry) {
                entry.x /= entry.count;
                entry.y /= entry.count;
                entry.r = Math.min(6 + 6 * Math.log10(entry.count), CELL_PIXELS / 2 - 2);
                cells.push(entry);
            });
            context.beginPath();
            cells.forEach(function (entry) {
                context.moveTo(entry.x + entry.r, entry.y);
                context.arc(entry.x, entry.y, entry.r, 0, TWO_PI);
            });
            context.globalAlpha = 0.6;
            context.fillStyle = "#1f3b73";
            context.fill();
            context.globalAlpha = 1;
            context.lineWidth = 1;
            context.strokeStyle = "#ffffff";
            context.stroke();
            context.fillStyle = "#ffffff";
            context.font = "bold 10px sans-serif";
            context.textAlign = "center";
            context.textBaseline = "middle";
            cells.forEach(function (entry) {
                var text = entry.count >= 10000 ? Math.round(entry.count / 1000) + "k"
                    : entry.count >= 1000 ? (entry.count / 1000).toFixed(1) + "k" : String(entry.count);
                context.fillText(text, entry.x, entry.y);
            });
            this._cells = cells;
            this._drawn = new Int32Array(0);
        },

        // The renderer asks, on every click and hover, whether this layer is under the pointer.
        _containsPoint: function (point) {
            var tolerance = this._clickTolerance();
            if (this._cells) {
                for (var c = this._cells.length - 1; c >= 0; c--) {
                    var cell = this._cells[c];
                    var dx = point.x - cell.x, dy = point.y - cell.y;
                    if (dx * dx + dy * dy <= (cell.r + tolerance) * (cell.r + tolerance)) {
                        this._hit = -1;
                        this._hitCell = cell;
                        return true;
                    }
                }
                return false;
            }
            // The last drawn is on top: search from the end.
            for (var k = this._drawn.length - 1; k >= 0; k--) {
                var i = this._drawn[k];
                var ex = point.x - this._x[i], ey = point.y - this._y[i], r = this._radius[i] + tolerance;
                if (ex * ex + ey * ey <= r * r) {
                    this._hit = i;
                    this._hitCell = null;
                    return true;
                }
            }
            return false;
        },

        popupHtml: function (i) {
            var data = this._data, columns = this._columns;
            function text(column, codes) {
                return codes && data.strings[column] ? data.strings[column][codes[i]] : "";
            }
            var date = new Date((data.first_day + this._days[i]) * 86400000).toISOString().slice(0, 10);
            var type = data.event_type[this._type[i]];
            var sub = text("sub_event_type", columns.sub_event_type);
            var place = text("location", columns.location);
            var district = text("district", columns.district);
            if (district) { place = place ? place + ", " + district : district; }
            var toll = this._fatalities[i] + " killed";
            if (this._injuries && this._injuries[i] !== 65535) { toll += ", " + this._injuries[i] + " injured"; }
            var source = text("source", columns.source);
            var url = text("source_url", columns.source_url);
            if (url) { source += ' <a href="' + url + '" target="_blank" rel="noopener noreferrer">report</a>'; }
            return '<table class="incident-popup">'
                + label("Date", date)
                + label("Type", sub ? type + " / " + sub : type)
                + label("Actor", text("actor", columns.actor1))
                + label("Acted on", text("actor", columns.actor2))
                + label("Place", place + (PLACED[this._certainty(i)] ? " <em>(" + PLACED[this._certainty(i)] + ")</em>" : ""))
                + label("Toll", toll)
                + label("Notes", text("notes", columns.notes))
                + label("Source", source)
                + (data.lean ? '<tr><td colspan="2"><em>' + data.lean + "</em></td></tr>" : "")
                + "</table>";
        }
    });

    // Steps of the time slider: calendar months, or weeks when the period is under half a year.
    function timeSteps(firstDay, lastDay) {
        var steps = [];
        if (lastDay - firstDay < 183) {
            for (var day = firstDay; day <= lastDay; day += 7) {
                var end = Math.min(day + 6, lastDay);
                steps.push({from: day, to: end, label: "Week of " + isoDate(day)});
            }
            return steps;
        }
        var date = new Date(firstDay * 86400000);
        var year = date.getUTCFullYear(), month = date.getUTCMonth();
        while (true) {
            var from = Date.UTC(year, month, 1) / 86400000;
            if (from > lastDay) { break; }
            var to = Date.UTC(year, month + 1, 1) / 86400000 - 1;
            steps.push({from: from, to: to, label: MONTHS[month] + " " + year});
            month += 1;
            if (month === 12) { month = 0; year += 1; }
        }
        return steps;
    }

    function isoDate(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

    var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    var STEP_MS = 800;

    // Time slider with a play button: steps through the filtered period in the browser only.
    L.Control.IncidentTime = L.Control.extend({
        options: {position: "bottomleft"},

        initialize: function (layer) {
            this._layer = layer;
            var last = 0;
            for (var i = 0; i < layer._count; i++) { if (layer._days[i] > last) { last = layer._days[i]; } }
            var first = layer._data.first_day;
            this._steps = timeSteps(first, first + last);
            this._first = first;
            this._timer = null;
        },

        onAdd: function () {
            var box = L.DomUtil.create("div", "incident-time");
            var play = this._play = L.DomUtil.create("button", "incident-time-play", box);
            play.type = "button";
            play.textContent = "\u25B6";
            play.title = "Play: step through the period, " + (this._steps.length) + " steps";
            var slider = this._slider = L.DomUtil.create("input", "incident-time-slider", box);
            slider.type = "range";
            slider.min = 0;
            slider.max = this._steps.length;  // the last position: every date
            slider.value = this._steps.length;
            slider.setAttribute("aria-label", "Time step");
            var cumulative = L.DomUtil.create("label", "incident-time-cumulative", box);
            this._upTo = L.DomUtil.create("input", "", cumulative);
            this._upTo.type = "checkbox";
            cumulative.appendChild(document.createTextNode(" up to"));
            cumulative.title = "Show every incident up to the step, not only the step's own";
            this._label = L.DomUtil.create("span", "incident-time-label", box);
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            var control = this;
            L.DomEvent.on(slider, "input", function () { control._stop(); control._show(+slider.value); });
            L.DomEvent.on(this._upTo, "change", function () { control._show(+slider.value); });
            L.DomEvent.on(play, "click", function () { control._timer ? control._stop() : control._start(); });
            this._show(this._steps.length);
            return box;
        },

        onRemove: function () { this._stop(); },

        _show: function (position) {
            var step = this._steps[position];
            var shown;
            if (!step) {
                shown = this._layer.setTimeWindow(null);
                this._label.textContent = "All dates: " + shown.toLocaleString("en") + " incidents";
                return;
            }
            var from = this._upTo.checked ? this._steps[0].from : step.from;
            shown = this._layer.setTimeWindow(from - this._first, step.to - this._first);
            this._label.textContent = (this._upTo.checked ? "Up to " : "") + step.label + ": "
                + shown.toLocaleString("en") + " incident" + (shown === 1 ? "" : "s");
        },

        _start: function () {
            var control = this, slider = this._slider;
            if (+slider.value >= this._steps.length - 1) { slider.value = 0; } else { slider.value = +slider.value + 1; }
            this._show(+slider.value);
            this._play.textContent = "\u275A\u275A";
            this._play.title = "Pause";
            this._timer = setInterval(function () {
                if (+slider.value >= control._steps.length - 1) { control._stop(); return; }
                slider.value = +slider.value + 1;
                control._show(+slider.value);
            }, STEP_MS);
        },

        _stop: function () {
            if (this._timer) { clearInterval(this._timer); }
            this._timer = null;
            if (this._play) { this._play.textContent = "\u25B6"; this._play.title = "Play"; }
        }
    });

    L.incidentDots = function (data, options) {
        var layer = new L.IncidentDots(data, options);
        layer.on("click", function (event) {
            var map = layer._map;
            if (layer._hitCell) {
                map.setView(map.containerPointToLatLng(map.layerPointToContainerPoint(
                    L.point(layer._hitCell.x, layer._hitCell.y))), Math.min(map.getZoom() + 2, map.getMaxZoom()));
                return;
            }
            if (layer._hit < 0) { return; }
            L.popup({maxWidth: 360}).setLatLng(layer.getLatLng(layer._hit))
                .setContent(layer.popupHtml(layer._hit)).openOn(map);
        });
        // The time slider comes and goes with the layer; one step is no slider.
        layer.on("add", function () {
            var time = new L.Control.IncidentTime(layer);
            if (time._steps.length < 2) { return; }
            layer._time = time.addTo(layer._map);
        });
        layer.on("remove", function () {
            if (layer._time) { layer._time.remove(); layer._time = null; }
            if (layer._cellNote) { layer._cellNote.remove(); layer._cellNote = null; }
        });
        return layer;
    };
})();
