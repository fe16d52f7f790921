// Charts for the governance pages: Chart.js (served by the gateway as a webjar) draws a bar or line chart, and a table
// with the same numbers goes under it, so nothing is shown only as a picture.
'use strict';

const Charts = {
  COLOURS: ['#005eb8', '#007f3b', '#d5281b', '#ffb81c', '#330072', '#4c6272', '#ae2573', '#00a499'],

  /**
   * A figure with a caption, a chart of one or more series over the same labels, and the table of the numbers.
   * series: [{label, values, colour}]; options: {type: 'bar'|'line', stacked, horizontal, unit}. A series may name its
   * colour (green for done, red for outstanding, so two meanings never share one); long labels are shortened on the
   * axis (the table has them whole).
   */
  figure(id, caption, labels, series, options = {}) {
    const canvas = Trust.el('canvas', {id: id + '-chart', role: 'img', 'aria-label': caption + ': the numbers are in the table below'});
    const table = Trust.el('table', {id: id + '-table', class: 'chart-data'},
        Trust.el('caption', {class: 'muted', text: caption}),
        Trust.el('thead', {}, Trust.el('tr', {}, Trust.el('th', {scope: 'col', text: options.labelHeading || ''}),
            series.map(s => Trust.el('th', {scope: 'col', text: s.label})))),
        Trust.el('tbody', {}, labels.map((label, i) => Trust.el('tr', {'data-label': label},
            Trust.el('th', {scope: 'row', text: label}),
            series.map(s => Trust.el('td', {text: String(s.values[i]) + (options.unit || '')}))))));
    const figure = Trust.el('figure', {id, class: 'chart'}, Trust.el('figcaption', {text: caption}),
        Trust.el('div', {class: 'chart-box'}, canvas), table);
    // Drawn once the figure is on the page (Chart.js measures its container).
    queueMicrotask(() => new Chart(canvas, {
      type: options.type || 'bar',
      data: {labels, datasets: series.map((s, i) => ({label: s.label, data: s.values,
        backgroundColor: s.colour || Charts.COLOURS[i % Charts.COLOURS.length], borderColor: s.colour || Charts.COLOURS[i % Charts.COLOURS.length],
        pointRadius: 4}))},
      options: {animation: false, maintainAspectRatio: false, indexAxis: options.horizontal ? 'y' : 'x',
        plugins: {legend: {display: series.length > 1}},
        // Counts have whole-number ticks; shares keep one decimal.
        scales: {x: {stacked: Boolean(options.stacked), beginAtZero: true, ticks: Charts.ticks(options, !options.horizontal, labels)},
          y: {stacked: Boolean(options.stacked), beginAtZero: true, ticks: Charts.ticks(options, Boolean(options.horizontal), labels)}}}
    }));
    return figure;
  },

  /** Ticks: whole numbers for counts, one decimal for shares; category labels cut to 24 characters. */
  ticks(options, categories, labels) {
    if (!categories) return {precision: options.unit ? 1 : 0};
    return {autoSkip: false, callback: (value, index) => {
      const label = String(labels[index] === undefined ? value : labels[index]);
      return label.length > 24 ? label.substring(0, 23) + '…' : label;
    }};
  },

  /** The colours that carry a meaning, the same on every page. */
  DONE: '#007f3b', SOON: '#ffb81c', LATE: '#d5281b', NOT_YET: '#4c6272'
};
